"""Write the table of registered rules into docs/permissions.md (between its markers), so the
document says exactly what the code asks. ``--check`` only reports whether it is current;
``tests/core/test_permissions_doc.py`` fails when it is not."""
import re
from pathlib import Path

import rules.permissions
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"
START, END = "<!-- registered rules: start -->", "<!-- registered rules: end -->"


def readable(expression: str) -> str:
    """A predicate's name as django-rules composes it, ``((a | b) | c)``, without the
    parentheses its operators' order does not need: ``a | b | c``."""
    parts = re.findall(r"[()&|]|~?[\w.]+|~", expression.replace("~(", "~ ("))

    def parse(position):
        terms, operators = [], []
        while position < len(parts) and parts[position] != ")":
            part = parts[position]
            if part in "&|":
                operators.append(part)
                position += 1
                continue
            negate = part == "~"
            if negate:
                position += 1
                part = parts[position]
            if part == "(":
                term, position = parse(position + 1)
                position += 1  # the ")"
            else:
                term, position = (part, ""), position + 1
            terms.append((f"~({term[0]})" if term[1] else f"~{term[0]}", "") if negate else term)
        operator = operators[0] if operators and len(set(operators)) == 1 else ""
        text = f" {operator} ".join(
            t if (not inner or inner == operator or len(terms) == 1) else f"({t})"
            for t, inner in terms)
        return (text, operator), position

    return parse(0)[0][0]


def registered_rules() -> list[tuple[str, str]]:
    """Every ``app.action`` permission with the sentence-named predicates it is made of."""
    return sorted((name, readable(predicate.name))
                  for name, predicate in rules.permissions.permissions.items())


def rules_table() -> str:
    return render_to_string("core/permissions_table.md", {"rules": registered_rules()}).strip()


def document_with(table: str, text: str) -> str:
    if START not in text or END not in text:
        raise CommandError(f"{DOC} has no {START} … {END} section")
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{START}\n{table}\n{END}{tail}"


class Command(BaseCommand):
    help = "Write the registered django-rules permissions into docs/permissions.md."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Only check that the document is current.")

    def handle(self, *args, check=False, **options):
        text = DOC.read_text(encoding="utf-8")
        updated = document_with(rules_table(), text)
        if check:
            if updated != text:
                raise CommandError("docs/permissions.md is out of date: run "
                                   "`manage.py permissions_doc`")
            return
        DOC.write_text(updated, encoding="utf-8")
        self.stdout.write(f"{len(registered_rules())} rules written to {DOC}")
