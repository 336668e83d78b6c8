"""The floor for bench/pages.py: the least a Django page on our servers can cost.

Session and authentication middleware, one 20-row ORM query and a small template; the
anonymous variant is the same view under ``cache_page``. Never part of the product.
"""
