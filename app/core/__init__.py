"""Business core: data, rules, calculations, wizards and documents. Never imports Qt."""
