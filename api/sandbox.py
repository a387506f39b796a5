"""No network for the SPARQL worker process, enforced by the kernel.

pyoxigraph answers `SERVICE` by making HTTP requests itself, and it has no switch to turn that off.
The query check (`sparql_guard.py`) refuses federation, but a check can be bypassed; so the worker
also installs a seccomp filter that makes creating IPv4/IPv6 sockets fail (EACCES). Whatever the
engine is asked, it cannot reach another host. The pipe to the API process exists before the filter
and is a Unix socket pair, which stays allowed.
"""
from __future__ import annotations

import errno
import socket


class SandboxUnavailable(RuntimeError):
    """The kernel or library cannot install the filter; the worker then refuses to run queries."""


def deny_network() -> None:
    """Make socket(AF_INET|AF_INET6, ...) fail for this process and its threads (irreversibly)."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as exc:  # libseccomp missing
        raise SandboxUnavailable(f"seccomp is not available ({exc})") from exc
    try:
        flt = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        for family in (socket.AF_INET, socket.AF_INET6):
            flt.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.EQ, family))
        flt.add_rule(seccomp.ERRNO(errno.EACCES), "io_uring_setup")  # no socket calls around the filter
        flt.load()
    except Exception as exc:  # noqa: BLE001 - any failure means the guarantee is not there
        raise SandboxUnavailable(f"could not install the network filter ({exc})") from exc


def network_denied() -> bool:
    """True when this process can no longer open an internet socket (used by the worker's self-check)."""
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except PermissionError:
        return True
    return False
