"""What a SPARQL request may do, decided from the parsed query, never from its text.

The query is parsed with rdflib's SPARQL 1.1 grammar and translated to algebra; its form is the
algebra's root and federation is any `ServiceGraphPattern` anywhere in the tree (sub-selects,
OPTIONAL, FILTER EXISTS, variables as endpoints). Comments, strings, IRIs and prefixed names cannot
hide or fake a keyword, because keywords only exist in the parse. This runs inside the query worker,
whose sockets are also closed to the network (`sandbox.py`), so a parser disagreement fails closed.
"""
from __future__ import annotations

from collections.abc import Iterator

READ_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


class QueryRefused(Exception):
    """The query parses but asks for something this endpoint does not do (an update, federation)."""


class QueryInvalid(Exception):
    """The text is not a SPARQL query."""


def read_form(query: str) -> str:
    """The query's form (SELECT, ASK, CONSTRUCT, DESCRIBE) if it is a read without SERVICE; raises otherwise."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        algebra = translateQuery(parseQuery(query)).algebra
    except ParseException as exc:
        if _is_update(parseUpdate, query):
            raise QueryRefused("this endpoint is read-only: SPARQL updates are refused") from None
        raise QueryInvalid(f"SPARQL syntax error: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds on odd queries (undefined prefix, ...)
        raise QueryInvalid(f"SPARQL error: {exc}") from None
    if any(node.name == "ServiceGraphPattern" for node in _nodes(algebra)):
        raise QueryRefused("SERVICE (federated queries to other endpoints) is not allowed")
    form = READ_FORMS.get(algebra.name)
    if form is None:
        raise QueryRefused(f"unsupported query form {algebra.name}")
    return form


def _is_update(parse_update, query: str) -> bool:
    try:
        parse_update(query)
        return True
    except Exception:  # noqa: BLE001 - not an update either
        return False


def _nodes(value) -> Iterator:
    """Every algebra node (rdflib CompValue) below `value`, walked with a stack, so deep nesting cannot overflow the interpreter."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [value]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
