"""Signals of the partners app, for the apps above it that keep data about partner staff.

partners knows no feature app; an app that records something about a person's place in a
partner (a Steering Committee seat, say) listens here instead of being called.
"""
from django.dispatch import Signal

# Sent by services.membership_remove inside its transaction, after the membership is
# deleted, with ``partner`` and ``user`` (who no longer works for it).
staff_removed = Signal()
