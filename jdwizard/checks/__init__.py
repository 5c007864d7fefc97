"""The checks of a job post: required answers and leftovers (unfilled), gender-coded wording,
exclusionary and jargon terms, pay transparency (with the salary's reading), length and
readability; post.py runs them all on a draft or any text, answer.py on one answer as it is
typed, report.py writes their report. Each module loads only when used (importing them
all with the package cost the first screen about 13 ms)."""
