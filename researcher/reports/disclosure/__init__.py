"""Statistical disclosure control: turn a `CountTable` into a `PublishedTable` (DOMAIN §3).

Pure: no Flask, no database. The rules:

* k = 5 by default, configurable, never below 3 (`ValueError`).
* Primary suppression: a count 1…k−1 (cell or total) is shown as "<k". Zeros are shown.
* Secondary suppression: further counts are hidden (shown as "x") until no hidden count can
  be recomputed from what the table shows. See "What a reader can derive" below.
* A percentage is given only when its base (the row total of a two-dimensional table, the
  grand total of a single-column one) is published and at least `min_percent_base` (20).
* `check_locality_breakdown`: a sub-gmina (locality) table is published only when it has a
  single dimension, involves no sensitive target group and has no cell 1…k−1; otherwise the
  whole table is withheld with a note.

What a reader can derive
------------------------
The reader sees every published number, knows that "<k" means 1…k−1 and that "x" means a
count of at least k (secondary suppression only ever hides non-zero counts that were not
small), and knows how the table is built. For every line (a row with its row total, a column
with its column total, the row totals with the grand total, the column totals with the grand
total) we give the reader the strongest relation that holds in the true data:

* cells sum exactly to the total (always so when the keys are mutually exclusive), or
* for multi-select answers, where totals count distinct units and are not sums: every cell is
  at most the total, and the sum is at least the total (when every unit gave at least one
  answer) or at most the total (when some gave none).

Assuming a relation that holds is never less safe than the reader's actual knowledge, so this
over-protects rather than under-protects. A hidden count is *protected* when these relations,
the bounds above and non-negativity leave it at least two possible integer values.

How it is checked and fixed: written as "members − total (− slack) = 0", with column-side
lines negated, the lines form a flow network whose edges are the counts; another table
consistent with what is shown differs from the true one by a circulation, so a hidden count
can change exactly when a cycle of residual edges runs through it (breadth-first search;
multi-select caps are checked on the cycle found, and an exact integer program — HiGHS via
scipy — decides when a cap is broken). An unprotected count gets its complements from the
cheapest such cycle, where a published count costs its value (shortest path), so few and
small counts are hidden. Hiding more only widens what the others can be, so the loop ends;
if even hiding every count cannot protect one (e.g. several "<5" that must each be 1 because
the zeros around them are shown), the whole table is withheld rather than its zeros hidden.

The package follows those steps: `model` (the table as lines), `reader` (what a reader can
recompute), `secondary` (hiding complements), `publish` (the public functions, below).
"""

from researcher.reports.disclosure.model import (
    DEFAULT_K,
    MIN_K,
    MIN_PERCENT_BASE,
    SECONDARY_TEXT,
    WITHHELD_TEXT,
    check_k,
    disclosure_note,
    primary_text,
)
from researcher.reports.disclosure.publish import (
    check_locality_breakdown,
    locality_breakdown_problem,
    publish,
    publish_count,
    publish_rate,
)

__all__ = [
    "DEFAULT_K",
    "MIN_K",
    "MIN_PERCENT_BASE",
    "SECONDARY_TEXT",
    "WITHHELD_TEXT",
    "check_k",
    "check_locality_breakdown",
    "disclosure_note",
    "locality_breakdown_problem",
    "primary_text",
    "publish",
    "publish_count",
    "publish_rate",
]
