"""Plain functions that build records with sensible defaults; pass what a test cares about."""
import itertools
from datetime import date

from crm.auth import services as accounts
from crm.auth.models import Role
from crm.employers.models import ContactPerson, Employer, Stage
from crm.extensions import db
from crm.matching.models import Proposal, ProposalKind, ProposalStatus
from crm.openings.models import JobAnalysis, Opening
from crm.placements.models import EmploymentForm, Placement

PASSWORD = "correct horse battery"
_sequence = itertools.count(1)


def make_team(name=None, **settings):
    return accounts.save_team(None, name=name or f"Team {next(_sequence)}", **settings)


def make_partner_organisation(name=None):
    return accounts.create_partner_organisation(name or f"Socialt företag {next(_sequence)}")


def make_user(role="job_specialist", team=None, name=None, email=None, partner_organisation=None, password=PASSWORD):
    role = Role(role)
    n = next(_sequence)
    if role in (Role.JOB_SPECIALIST, Role.TEAM_LEAD) and team is None:
        team = make_team()
    if role == Role.PARTNER and partner_organisation is None:
        partner_organisation = make_partner_organisation()
    return accounts.create_user(
        email=email or f"user{n}@example.se",
        name=name or f"User {n}",
        password=password,
        role=role,
        team=team,
        partner_organisation=partner_organisation,
    )


def make_employer(team, name=None, organisation_number=None, stage=Stage.PROSPECT, **fields):
    name = name or f"Företag {next(_sequence)} AB"
    employer = Employer(
        team=team, name=name, name_key=name.lower(), organisation_number=organisation_number, stage=stage, **fields
    )
    db.session.add(employer)
    db.session.flush()
    return employer


def make_contact_person(employer, name="Karin Chef", **fields):
    person = ContactPerson(employer=employer, name=name, **fields)
    db.session.add(person)
    db.session.flush()
    return person


def make_analysis(employer, author=None, **fields):
    analysis = JobAnalysis(team_id=employer.team_id, employer_id=employer.id, author_id=author.id if author else None,
                           analysed_on=fields.pop("analysed_on", date(2026, 11, 2)),
                           business_needs=fields.pop("business_needs", "Hjälp i lagret på morgnarna"), **fields)
    db.session.add(analysis)
    db.session.flush()
    return analysis


def make_opening(employer, title="Lagermedarbetare", **fields):
    opening = Opening(team_id=employer.team_id, employer_id=employer.id, title=title, **fields)
    db.session.add(opening)
    db.session.flush()
    return opening


def make_participant(team, specialist=None, first_name="Anna", last_name=None, status="active", **fields):
    """A participant of `team`, with a first status-history entry like the app writes."""
    from crm.participants.models import Participant, ParticipantStatus, ParticipantStatusChange

    entered_on = fields.pop("entered_on", date(2026, 10, 1))
    participant = Participant(team_id=team.id, specialist_id=specialist.id if specialist else None,
                              first_name=first_name, last_name=last_name or f"Andersson {next(_sequence)}",
                              entered_on=entered_on, status=ParticipantStatus(status), **fields)
    participant.status_changes.append(ParticipantStatusChange(status=participant.status, changed_on=entered_on))
    db.session.add(participant)
    db.session.flush()
    return participant


def make_consent(participant, party_kind="employer", employer=None, decided_on=None, **fields):
    from crm.participants.models import Consent, ConsentForm, ConsentScope, PartyKind

    consent = Consent(participant_id=participant.id, party_kind=PartyKind(party_kind),
                      employer_id=employer.id if employer else None, decision=fields.pop("decision", "given"),
                      form=fields.pop("form", ConsentForm.WRITTEN), scope=fields.pop("scope", ConsentScope.EXCHANGE),
                      decided_on=decided_on or date(2026, 10, 5), **fields)
    db.session.add(consent)
    db.session.flush()
    return consent


def make_contact(employer, author, contacted_at=None, form="face_to_face", purpose="learn_needs", **fields):
    """A logged employer contact (written directly: tests of the log's rules go through the service)."""
    from datetime import UTC, datetime

    from crm.contacts.models import ContactForm, ContactPurpose, EmployerContact

    contact = EmployerContact(team_id=employer.team_id, employer_id=employer.id, author_id=author.id,
                              contacted_at=contacted_at or datetime.now(UTC), form=ContactForm(form),
                              purpose=ContactPurpose(purpose), summary=fields.pop("summary", "Besök hos chefen."),
                              **fields)
    db.session.add(contact)
    db.session.flush()
    return contact


def make_next_step(employer, owner, due_on, what="Ring tillbaka", **fields):
    from crm.contacts.models import NextStep

    step = NextStep(team_id=employer.team_id, employer_id=employer.id, owner_id=owner.id, what=what, due_on=due_on,
                    created_by_id=owner.id, **fields)
    db.session.add(step)
    db.session.flush()
    return step


def make_nudge(user, rule="next_step_due", cause_key=None, **fields):
    from crm.nudges.models import Nudge

    nudge = Nudge(user_id=user.id, team_id=user.team_id, rule=rule, cause_key=cause_key or f"test:{next(_sequence)}",
                  params=fields.pop("params", {"employer": "Testföretaget AB", "what": "Ring", "employer_id": 0}),
                  **fields)
    db.session.add(nudge)
    db.session.flush()
    return nudge


def make_proposal(participant, opening, kind="proposed", status="pending", proposed_on=date(2026, 11, 2)):
    proposal = Proposal(team_id=participant.team_id, participant_id=participant.id, opening_id=opening.id,
                        kind=ProposalKind(kind), status=ProposalStatus(status), proposed_on=proposed_on)
    db.session.add(proposal)
    db.session.flush()
    return proposal


def make_placement(participant, employer, started_on=date(2026, 3, 1), hours=20.0, occupation="4322", **fields):
    placement = Placement(team_id=participant.team_id, participant_id=participant.id, employer_id=employer.id,
                          title=fields.pop("title", "Jobb"), occupation_code=occupation, started_on=started_on,
                          hours_per_week=hours, employment_form=fields.pop("employment_form", EmploymentForm.PERMANENT),
                          **fields)
    db.session.add(placement)
    db.session.flush()
    return placement


def make_profile_entry(participant, kind="experience", **fields):
    """A work experience or education in the participant's career profile."""
    from crm.participants.models import Education, WorkExperience

    if kind == "experience":
        entry = WorkExperience(participant_id=participant.id, employer_name=fields.pop("employer_name", "Ica Maxi"),
                               role=fields.pop("role", "Butiksbiträde"), **fields)
    else:
        entry = Education(participant_id=participant.id, programme=fields.pop("programme", "Svenska för invandrare"),
                          **fields)
    db.session.add(entry)
    db.session.flush()
    return entry
