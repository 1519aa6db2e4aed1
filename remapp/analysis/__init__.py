"""Analysis: reads the stored doses and writes what is derived from them (flags, indicators, alerts)."""
