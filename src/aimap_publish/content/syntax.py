"""Stage 1a: a YAML syntax error said in plain words, for source.py.

The parser names what it expected ("expected <block end>, but found '?'"); an editor needs
what to fix and where: "line 12, column 5: this line's indentation does not match the lines
above it". The problem keeps the parser's line (where it stopped); the message names the
place to fix, which may be earlier (the quote or bracket left open).
"""
from __future__ import annotations

import re

import yaml

QUOTE_HINT = "put quotes around a value containing ': ' or ' #'"
INDENT = ("this line's indentation does not match the lines above it (fields of one record line up, "
          "their parts indented under them)")


def plain_words(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(the line the parser stopped at, "line L, column C: what to fix")."""
    mark = error.problem_mark or error.context_mark
    start = error.context_mark or mark
    problem, context = (error.problem or "").strip(), (error.context or "").strip()
    at, what = _explain(problem, context, mark, start, text)
    line = mark.line + 1 if mark else 0
    return line, f"line {at.line + 1}, column {at.column + 1}: {what}" if at else what


def _explain(problem: str, context: str, mark, start, text: str):
    """(where to fix, what to do) for the parser's `problem` in its `context`."""
    found = re.search(r"(?:found|got)(?: character| unknown escape character)? '(.+?)'(?: |$)", problem)
    found = found.group(1) if found else ""
    if "'\\t'" in problem or "tab" in problem:
        return mark, "a tab: indent with spaces, not tabs"
    if "cannot start any token" in problem:
        return mark, f"a value cannot start with '{found}': put quotes around it"
    if "mapping values are not allowed" in problem:
        return mark, _stray_colon(text, mark)
    if "could not find expected ':'" in problem:
        return start, ("this line has no ':' after its field name (a text that runs onto the next lines "
                       "must be indented under its field, or quoted)")
    if context == "while scanning a quoted scalar":
        return start, "this quote is never closed (end the value with the same quote mark)"
    if "unknown escape character" in problem:
        return mark, (f"'\\{found}' is not an escape in double quotes: write '\\\\' for a backslash, "
                      "or use single quotes")
    if context.startswith("while scanning an anchor") or context.startswith("while scanning an alias"):
        return start, "'&' and '*' start anchors and aliases, which are not supported: put quotes around the value"
    if "tag" in context or "directive" in context:
        return start, "a value starting with '!' or '%': put quotes around it"
    if "block scalar" in context:
        return mark, "after '|' or '>' only '-' may follow on its line: the text starts on the next line"
    if context.startswith("while parsing a flow"):
        return _flow(found, "[" if "sequence" in context else "{", mark, start)
    if "another document" in problem or "document start" in problem:
        return mark, "a second document ('---' or '...'): the report is one document, delete the line"
    if "undefined alias" in problem:
        return mark, "'*' starts an alias, which is not supported: put quotes around the value"
    if problem.startswith("expected <block end>"):
        return _block(found, context, mark, text)
    if "expected the node content" in problem:
        return mark, f"'{found}' where a value was expected: put quotes around a value starting with it"
    return mark, f"{problem or context} ({QUOTE_HINT})"


def _stray_colon(text: str, mark) -> str:
    """A ':' the parser did not expect: inside a value, or on a line indented too far."""
    line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
    if ": " in line[: mark.column] or line[: mark.column].rstrip().endswith(":"):
        return f"a second ': ' on the line: {QUOTE_HINT}"
    above = _line_above(text, mark.line)
    if above is not None and _indent(line) > _indent(above):
        return ("this line is indented further than the field above it, which already has its value on its "
                f"line (line it up with that field, or {QUOTE_HINT})")
    return f"the line above has no ':' after its field name, or {QUOTE_HINT}"


def _flow(found: str, opened: str, mark, start) -> tuple:
    """Inside {…} or […]: a bracket never closed, closed by the other kind, or a stray ':'."""
    if found == "<stream end>" or mark.line > start.line:
        return start, f"this '{opened}' is never closed (close it on the same line)"
    if found in ("}", "]"):
        return start, f"this bracket is closed by '{found}' (close '{{' with '}}' and '[' with ']')"
    if found == ":":
        return mark, f"a ':' inside {{…}} or […]: {QUOTE_HINT}, and separate the fields with ', '"
    return mark, f"'{found}' inside {{…}} or […]: separate the items with ', ', one value between commas"


def _block(found: str, context: str, mark, text: str) -> tuple:
    """The parser expected the mapping or list to go on, or to end, and found something else."""
    if found == "-":
        return mark, "a list item '- ' where a field was expected (indent it under a field that holds a list)"
    if found == "?":
        return mark, "a field where a list item '- ' was expected (" + INDENT.split(" (", 1)[1]
    if found in ("}", "]"):
        return mark, f"a '{found}' that no bracket on the line opened: delete it"
    if found == "<scalar>":
        before = text.splitlines()[mark.line][: mark.column].rstrip()
        quoted = _quoted_before(text, mark)
        if quoted is not None and quoted.start_mark.line < quoted.end_mark.line:
            end = quoted.end_mark
            return quoted.start_mark, ("this quote is not closed where its value ends (the next quote mark, at "
                                       f"line {end.line + 1}, column {end.column}, closes it)")
        if before.endswith(("'", '"')):
            return mark, ("text after the closing quote: quote the whole value (in single quotes, "
                          "write an apostrophe as two: 'it''s')")
        if before.endswith(("}", "]")):
            return mark, "text after the closing bracket: quote the whole value"
    if found == ":":
        return mark, "a ':' with no field name before it"
    return mark, INDENT


def _quoted_before(text: str, mark) -> yaml.ScalarToken | None:
    """The quoted value just before `mark`, from the tokens read up to the error."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    return last if last is not None and last.style in ("'", '"') else None


def _line_above(text: str, line: int) -> str | None:
    lines = text.splitlines()
    for above in reversed(lines[:line]):
        if above.strip() and not above.lstrip().startswith("#"):
            return above
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
