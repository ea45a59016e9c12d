"""The law as code: act versions, rule parameters, statutory deadlines and compliance checks."""
