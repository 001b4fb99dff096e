"""The questionnaire and its vocabulary, defined once.

`forms.vocabulary` is plain data (no Flask, no WTForms) so that `analysis` and the app can
both import it. The WTForms form and the marshmallow sync schema are built from the
questionnaire definition in this package.
"""
