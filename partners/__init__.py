"""Tenancy: countries, partner organisations and their staff memberships."""
