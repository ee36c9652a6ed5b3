"""Administration: user accounts, teams and partner organisations."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..auth import services as accounts
from ..auth import tokens
from ..auth.models import AccountAction, Role, Team, User
from ..core.clock import utcnow
from ..core.errors import keeps_input_on_csrf_failure
from ..core.formats import percent
from ..core.forms import choices
from ..core.permissions import permission_required, require
from ..core.web import form_page
from ..extensions import db
from ..partners import services as partners
from ..partners.models import PartnerOrganisation
from ..twofactor import services as twofactor
from .forms import EmploymentFractionForm, PartnerOrganisationForm, TeamForm, UserForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@permission_required("admin.manage_users")
def users():
    rows = db.session.scalars(
        select(User).options(joinedload(User.team), joinedload(User.partner_organisation)).order_by(User.name)
    ).all()
    return render_template("admin/users.html", users=rows, no_password=accounts.NO_PASSWORD,
                           two_factor_users=twofactor.enrolled_user_ids())


@bp.route("/users/new", methods=["GET", "POST"])
@permission_required("admin.manage_users")
@keeps_input_on_csrf_failure
def new_user():
    form = UserForm()
    teams = db.session.scalars(select(Team).order_by(Team.name)).all()
    partners = db.session.scalars(
        select(PartnerOrganisation).where(PartnerOrganisation.active).order_by(PartnerOrganisation.name)
    ).all()
    form.team_id.choices = choices(((t.id, t.name) for t in teams), (0, "—"))
    form.partner_organisation_id.choices = choices(((p.id, p.name) for p in partners), (0, "—"))
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                email=form.email.data,
                name=form.name.data,
                role=Role(form.role.data),
                team=db.session.get(Team, form.team_id.data) if form.team_id.data else None,
                partner_organisation=(
                    db.session.get(PartnerOrganisation, form.partner_organisation_id.data)
                    if form.partner_organisation_id.data else None
                ),
            )
        except accounts.AccountError:
            form.email.errors.append(_("There is already an account with this e-mail address."))
        else:
            tokens.invite(user, current_user, utcnow())
            flash(_("Account created for %(name)s. An invitation to choose a password is sent to %(email)s.",
                    name=user.name, email=user.email), "success")
            return redirect(url_for("admin.users"))
    return form_page("simple_form.html", form, heading=_("New user"), cancel_url=url_for("admin.users"))


@bp.post("/users/<int:user_id>/active")
@permission_required("admin.manage_users")
def toggle_active(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
        return redirect(url_for("admin.users"))
    activate = request.form.get("active") == "1"
    accounts.set_active(user, activate)
    flash(_("%(name)s can sign in again.", name=user.name) if activate
          else _("%(name)s is deactivated and signed out.", name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/employment", methods=["GET", "POST"])
@keeps_input_on_csrf_failure
def employment_fraction(user_id: int):
    """A specialist's employment rate: the admin or the team lead sets it."""
    person = db.session.get(User, user_id) or abort(404)
    require("user.employment_fraction", person)
    form = EmploymentFractionForm(data={"percent": round(person.employment_fraction * 100)})
    back = url_for("admin.users") if current_user.role == Role.ADMIN else url_for("participants.index")
    if form.validate_on_submit():
        accounts.set_employment_fraction(person, form.percent.data)
        flash(_("%(name)s works %(percent)s of full time.", name=person.name, percent=percent(form.percent.data, 0)),
              "success")
        return redirect(back)
    return form_page("simple_form.html", form, heading=_("Employment rate of %(name)s", name=person.name),
                     cancel_url=back)


@bp.post("/users/<int:user_id>/invitation")
@permission_required("admin.manage_users")
def send_invitation(user_id: int):
    """Send a new invitation (the old link stops working): for one that ran out or never arrived."""
    user = db.session.get(User, user_id) or abort(404)
    if user.password_hash != accounts.NO_PASSWORD:
        flash(_("%(name)s has already chosen a password.", name=user.name), "error")
    else:
        tokens.invite(user, current_user, utcnow())
        flash(_("A new invitation is sent to %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/two-factor/reset")
@permission_required("admin.manage_users")
def reset_two_factor(user_id: int):
    """For a lost phone without recovery codes: the user sets the second factor up again at sign-in."""
    user = db.session.get(User, user_id) or abort(404)
    twofactor.reset(user)
    accounts.record_event(user, AccountAction.TWO_FACTOR_RESET, current_user, utcnow())
    flash(_("The second factor of %(name)s is reset. They set it up again at their next sign-in.",
            name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.get("/teams")
@permission_required("admin.manage_teams")
def teams():
    rows = db.session.scalars(select(Team).order_by(Team.name)).all()
    partners = db.session.scalars(select(PartnerOrganisation).order_by(PartnerOrganisation.name)).all()
    return render_template("admin/teams.html", teams=rows, partners=partners)


@bp.route("/teams/new", methods=["GET", "POST"])
@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@permission_required("admin.manage_teams")
@keeps_input_on_csrf_failure
def edit_team(team_id: int | None = None):
    team = (db.session.get(Team, team_id) or abort(404)) if team_id else None
    form = TeamForm(obj=team)
    if form.validate_on_submit():
        try:
            team = accounts.save_team(team, **{name: form[name].data for name in accounts.TEAM_FIELDS})
        except accounts.AccountError:
            form.name.errors.append(_("There is already a team with this name."))
        else:
            flash(_("Team %(name)s saved.", name=team.name), "success")
            return redirect(url_for("admin.teams"))
    return form_page("simple_form.html", form, heading=team.name if team else _("New team"),
                     cancel_url=url_for("admin.teams"))


@bp.route("/partners/new", methods=["GET", "POST"])
@permission_required("admin.manage_teams")
@keeps_input_on_csrf_failure
def new_partner():
    form = PartnerOrganisationForm()
    if form.validate_on_submit():
        try:
            organisation = accounts.create_partner_organisation(form.name.data, form.municipality.data)
        except accounts.AccountError:
            form.name.errors.append(_("There is already an organisation with this name."))
        else:
            flash(_("%(name)s added.", name=organisation.name), "success")
            return redirect(url_for("admin.teams"))
    return form_page("simple_form.html", form, heading=_("New partner organisation"),
                     cancel_url=url_for("admin.teams"))


@bp.route("/partners/<int:organisation_id>", methods=["GET", "POST"])
@permission_required("admin.manage_teams")
@keeps_input_on_csrf_failure
def edit_partner(organisation_id: int):
    organisation = db.session.get(PartnerOrganisation, organisation_id) or abort(404)
    form = PartnerOrganisationForm(obj=organisation)
    if form.validate_on_submit():
        clash = db.session.scalar(select(PartnerOrganisation.id).where(
            db.func.lower(PartnerOrganisation.name) == form.name.data.lower(),
            PartnerOrganisation.id != organisation.id))
        if clash:
            form.name.errors.append(_("There is already an organisation with this name."))
        else:
            partners.update_organisation(organisation, current_user, form.data)
            flash(_("%(name)s saved.", name=organisation.name), "success")
            return redirect(url_for("admin.teams"))
    return form_page("simple_form.html", form, heading=organisation.name, cancel_url=url_for("admin.teams"))


@bp.post("/partners/<int:organisation_id>/active")
@permission_required("admin.manage_teams")
def toggle_partner(organisation_id: int):
    organisation = db.session.get(PartnerOrganisation, organisation_id) or abort(404)
    activate = request.form.get("active") == "1"
    partners.set_organisation_active(organisation, current_user, activate)
    flash(_("%(name)s is active again.", name=organisation.name) if activate
          else _("%(name)s is deactivated: its users are signed out and its listings are hidden.",
                 name=organisation.name), "success")
    return redirect(url_for("admin.teams"))
