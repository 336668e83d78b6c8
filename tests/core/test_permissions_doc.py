"""docs/permissions.md lists exactly the rules the code registers."""
import pytest
import rules.permissions
from django.core.management import CommandError, call_command

from clusterpolisee.core.management.commands.permissions_doc import (
    DOC,
    document_with,
    registered_rules,
    rules_table,
)


def test_the_document_lists_every_registered_rule_and_no_other():
    text = DOC.read_text(encoding="utf-8")
    assert document_with(rules_table(), text) == text, "run `manage.py permissions_doc`"
    names = {name for name, _predicate in registered_rules()}
    assert names == set(rules.permissions.permissions)
    assert all(f"- `{name}`:" in text for name in names)
    call_command("permissions_doc", "--check")


def test_a_rule_the_document_does_not_know_fails_the_check():
    rules.permissions.add_perm("core.test_only_rule", rules.always_allow)
    try:
        with pytest.raises(CommandError, match="out of date"):
            call_command("permissions_doc", "--check")
    finally:
        rules.permissions.remove_perm("core.test_only_rule")
