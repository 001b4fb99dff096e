"""Compiled templates are kept on disk for the next process, and never break a page."""

from __future__ import annotations

import shutil

from researcher import create_app
from researcher.template_cache import TemplateCache


def make_app(tmp_path, folder):
    return create_app({
        "TESTING": True, "SECRET_KEY": "x", "TEMPLATE_CACHE_DIR": folder, "JOBS_WORKER": "inline",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/a.db",
    })  # fmt: skip


def test_a_compiled_template_is_kept_for_the_next_process(tmp_path):
    folder = tmp_path / "compiled"
    first = make_app(tmp_path, str(folder))
    with first.app_context():
        template = first.jinja_env.get_template("auth/login.html")
    source = open(template.filename, encoding="utf-8").read()
    # What the next process finds: code for this template's current source, no compiling.
    second = make_app(tmp_path, str(folder))
    bucket = second.jinja_env.bytecode_cache.get_bucket(
        second.jinja_env, "auth/login.html", template.filename, source
    )
    assert bucket.code is not None


def test_an_edited_template_is_compiled_again(tmp_path):
    folder = tmp_path / "compiled"
    app = make_app(tmp_path, str(folder))
    with app.app_context():
        template = app.jinja_env.get_template("auth/login.html")
    bucket = TemplateCache(str(folder)).get_bucket(
        app.jinja_env, "auth/login.html", template.filename, "{{ 'edited' }}"
    )
    assert bucket.code is None


def test_a_cache_folder_that_disappears_does_not_break_a_page(tmp_path):
    folder = tmp_path / "compiled"
    app = make_app(tmp_path, str(folder))
    shutil.rmtree(folder)  # writing the compiled code fails: the page is still served
    response = app.test_client().get("/logowanie")
    assert response.status_code == 200


def test_an_empty_folder_setting_compiles_in_memory_only(tmp_path):
    assert make_app(tmp_path, "").jinja_env.bytecode_cache is None
