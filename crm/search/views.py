"""One search box in the header: a results page, or (asked by htmx as you type) the same results as a fragment."""
from flask import Blueprint, render_template, request
from flask_login import current_user

from ..core.permissions import permission_required
from . import queries

bp = Blueprint("search", __name__)


@bp.get("/search")
@permission_required("search.use")
def results():
    found = queries.search(current_user.team_id, request.args.get("q", ""))
    if request.headers.get("HX-Request"):
        return render_template("search/_results.html", found=found)
    return render_template("search/results.html", found=found, search_term=found.term)
