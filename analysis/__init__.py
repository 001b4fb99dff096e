"""Text processing and clustering of residents' needs, written in Polish.

A library: plain functions and dataclasses, deterministic, no Flask and no database.

What the app calls:
- `analysis.themes.cluster_needs(items, params, dense)` → `ThemeRun` (themes, stability …)
- `analysis.themes.assign_new(existing, new_texts)` → theme of needs synced after a run
- `analysis.themes.split_theme(items, k)` → `ThemeRun` of one theme's members
- `analysis.continuity.map_onto_previous(previous, current)` → keep reviewed themes' identities
- `analysis.areas.suggest_areas(texts, labelled)` / `AreaSuggester` → `AreaSuggestion` per need
- `analysis.areas.dominant_area(areas)` → a theme's area
- `analysis.vectors.embed_texts(texts)` → dense vectors, once per saved need (optional extra)
- `analysis.pii.find_pii` / `mask_pii` → the one personal-data detector
"""
