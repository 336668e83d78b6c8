"""Accounts: the custom user (e-mail login), allauth adapter, MFA enforcement."""
