"""The spine every feature shares: the activity record, landing page and dashboard."""
