"""Knowledge: the Wagtail good-practice library and public site (built by the knowledge issue)."""
