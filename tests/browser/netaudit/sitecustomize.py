"""Put on PYTHONPATH of a server under test: records every socket connect and name lookup that leaves
this machine (not loopback, not a Unix socket) to the file named by $NETAUDIT_LOG, one line each, with
the stack's innermost frames, so a test can fail on any outbound call of the server itself."""

import ipaddress
import os
import sys
import traceback

_LOG = os.environ.get("NETAUDIT_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _is_local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if host is None or not isinstance(host, str) or host.lower() in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False  # a name other than localhost: resolving it already asks the network
    return address.is_loopback or address.is_unspecified


def _hook(event, args):
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else None  # str/bytes: a Unix socket
    elif event == "socket.getaddrinfo":
        host = args[0]
    elif event in ("socket.gethostbyname", "socket.gethostbyaddr"):
        host = args[0]
    else:
        return
    if _is_local(host):
        return
    stack = "".join(traceback.format_stack(limit=8)[:-1]).replace("\n", " | ")
    with open(_LOG, "a", encoding="utf-8") as out:
        out.write(f"{event} {args[1:] if event == 'socket.connect' else args} :: {stack}\n")


if _LOG:
    sys.addaudithook(_hook)
