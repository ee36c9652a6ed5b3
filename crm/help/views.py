"""The glossary page, linked from the help mark next to the method's terms."""
from flask import render_template
from flask_babel import get_locale

from . import bp, glossary


@bp.get("/glossary")
def glossary_page():
    return render_template("help/glossary.html", terms=glossary(), language=get_locale().language)
