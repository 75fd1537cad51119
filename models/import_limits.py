"""How big a register file the importer takes: bounds checked before (and while) a file is read.

A file beyond a bound is refused with a message naming the bound (importing.limit_*), before it can
exhaust the server's memory: a zip "bomb" declaring gigabytes, a sheet of millions of empty cells, a
CSV whose one unclosed quote turns the rest of the file into one cell. The bounds are far above real
registers (Shenzhen has about 1,050 centres, tens of thousands of buildings and organisations).
"""

from __future__ import annotations

MAX_FILE_BYTES = 200 * 1024 * 1024  # as Streamlit's default upload limit (server.maxUploadSize = 200 MB)
MAX_ROWS = 1_000_000  # data rows of one file
MAX_COLUMNS = 200  # the widest template has fewer than 20 columns
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
MAX_XLSX_UNCOMPRESSED = 1024 * 1024 * 1024  # the sum of a workbook's declared uncompressed part sizes
MAX_XLSX_RATIO = 1_000  # a part declaring more than 1,000 times its compressed size is a bomb, not a sheet
MAX_LISTED_FORMULAS = 20  # formula cells without a stored result named one by one; the rest are counted
