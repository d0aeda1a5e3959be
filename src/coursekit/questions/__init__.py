"""Questions and their rules: question banks, own-trust forms, scoring. Pure functions of answers; they know no screen."""
