"""Rows of the benchmark for page tabs that the page rows do not open (they time each page's first tab):
the team page's 志愿服务与同乡村 and the 区属党(工)委 ranking of 支部评级 (issue 20), cold and warm like a page."""

from __future__ import annotations

from bench.report import Row, Target

# (section, page file, session state that opens the tab; labels from the catalogue at run time)
TABS = (
    ("page team · volunteers", "pages/team.py", ("team.tab", "team.tab_volunteers")),
    ("page ratings · committees", "pages/ratings.py", ("ratings.tab", "ratings.tab_committees")),
)


def tab_rows(url: str, cfg, say) -> list[Row]:
    from bench import pages
    from models.i18n import ZH

    rows = []
    for section, file, (key, label) in TABS:
        if cfg.pages is not None and file not in cfg.pages:
            continue
        say(f"  {section}")
        p = pages.page_times(url, file, cfg.runs, {key: ZH[label]})
        rows.append(Row(section, "cold first load, script CPU (AppTest, data caches cleared)", cfg.scale,
                        p.cold_cpu_s * 1000, "ms", Target("<=", pages.PAGE_COLD_MS), note=f"wall {p.cold_s * 1000:.0f} ms"))
        rows.append(Row(section, f"warm rerun, script CPU (median of {cfg.runs})", cfg.scale, p.warm_cpu_s * 1000,
                        "ms", Target("<=", pages.PAGE_WARM_MS), note=f"wall {p.warm_s * 1000:.0f} ms"))
    return rows
