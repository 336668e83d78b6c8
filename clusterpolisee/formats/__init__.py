"""Date and time formats per language where Django's own fall short for this portal.

Django looks here first (``FORMAT_MODULE_PATH``) and takes what a module leaves out from
its own locale. What we change: a 24-hour clock everywhere the partnership writes one
(Django's English, Greek and Albanian use 12-hour), day-month-year order in English, the
genitive month in Greek, Slovak and Serbian dates ("2 Δεκεμβρίου 2026"), Bulgaria's "г."
after the year, and no weekday in Italian timestamps. Month names themselves come from our
catalogue (``months.py``), lowercase where the language writes them so.
"""
