# 2 dicembre 2026, 14:30
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
