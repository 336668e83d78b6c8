# 2. decembra 2026. u 14:30 is the long form; the portal writes 2. децембра 2026. 14:30
DATE_FORMAT = "j. E Y."
DATETIME_FORMAT = "j. E Y. H:i"
