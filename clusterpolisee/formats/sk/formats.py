# 2. decembra 2026, 14:30 (genitive month)
DATE_FORMAT = "j. E Y"
DATETIME_FORMAT = "j. E Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
