"""Campaigns: a round of field research in one gmina, with its researchers and questionnaire."""
