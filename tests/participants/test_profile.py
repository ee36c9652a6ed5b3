"""Career profile, benefits counselling and job preferences."""
from datetime import date

import pytest

from crm.extensions import db
from crm.participants import services
from crm.participants.models import JobPreferenceCode, PhysicalWork, SoundLevel

from .. import factories


@pytest.fixture
def participant(team, specialist):
    return factories.make_participant(team, specialist, first_name="Lina")


PREFERENCES = {
    "occupations": ["5120", "9412"], "industries": ["56"], "municipalities": ["Nyköping", "Oxelösund"],
    "tasks_liked": "Baka, diska", "hours_min": "20", "hours_max": "30", "weekdays": "y", "weekends": "y",
    "earliest_start_on": "2026-12-01", "max_travel_minutes": "45", "sound_level": "quiet", "setting": "indoor",
    "people_contact": "little", "physical_work": "light", "wage_floor": "22000", "must_avoids": "Nattarbete",
    "reviewed_on": "2026-11-20",
}


def test_preferences_are_saved_structured(login, specialist, participant):
    response = login(specialist).post(f"/participants/{participant.id}/preferences", data=PREFERENCES)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    p = participant.preferences
    assert p.occupations == ["5120", "9412"] and p.industries == ["56"]
    assert p.municipalities == ["Nyköping", "Oxelösund"]
    assert (p.hours_min, p.hours_max, p.weekdays, p.evenings, p.weekends) == (20, 30, True, False, True)
    assert p.sound_level == SoundLevel.QUIET and p.physical_work == PhysicalWork.LIGHT
    assert p.wage_floor == 22000 and p.reviewed_on == date(2026, 11, 20)


def test_preferences_can_be_changed_any_time(login, specialist, participant):
    client = login(specialist)
    client.post(f"/participants/{participant.id}/preferences", data=PREFERENCES)
    response = client.post(f"/participants/{participant.id}/preferences",
                           data={**PREFERENCES, "occupations": ["9412", "4321"], "reviewed_on": "2026-11-23"})
    assert response.status_code == 302
    db.session.expire_all()
    assert participant.preferences.occupations == ["4321", "9412"]
    assert participant.preferences.reviewed_on == date(2026, 11, 23)
    assert db.session.query(JobPreferenceCode).count() == 5  # two occupations, one industry, two municipalities


@pytest.mark.parametrize("change", [
    {"hours_min": "30", "hours_max": "20"},
    {"hours_max": "80"},
    {"occupations": ["9999"]},
    {"industries": ["00"]},
    {"municipalities": ["Atlantis"]},
    {"sound_level": "loud"},
    {"reviewed_on": ""},
    {"wage_floor": "-1"},
])
def test_invalid_preferences_are_refused(login, specialist, participant, change):
    response = login(specialist).post(f"/participants/{participant.id}/preferences", data={**PREFERENCES, **change})
    assert response.status_code == 422
    db.session.expire_all()
    assert participant.preferences is None


def test_service_refuses_an_upside_down_hours_range(specialist, participant):
    with pytest.raises(services.ParticipantRuleError):
        services.save_preferences(participant, specialist, {"hours_min": 30, "hours_max": 10,
                                                            "reviewed_on": date(2026, 11, 1)})


def test_career_profile_and_entries(login, specialist, participant):
    client = login(specialist)
    assert client.post(f"/participants/{participant.id}/profile", data={
        "strengths": "Noggrann", "driving_licences": "B", "languages": "svenska, arabiska"}).status_code == 302
    assert client.post(f"/participants/{participant.id}/experience/new", data={
        "employer_name": "Ica Kvantum", "role": "Butiksbiträde", "from_year": "2018", "to_year": "2020",
        "what_worked": "Fasta tider", "what_did_not": "Kassan vid rusning"}).status_code == 302
    assert client.post(f"/participants/{participant.id}/education/new", data={
        "programme": "Restaurang- och livsmedelsprogrammet", "from_year": "2010", "to_year": "2013",
        "completed": "y"}).status_code == 302
    db.session.expire_all()
    assert participant.career_profile.strengths == "Noggrann"
    assert participant.career_profile.driving_licences == "B"
    (job,) = participant.work_experiences
    assert (job.role, job.from_year, job.to_year) == ("Butiksbiträde", 2018, 2020)
    assert participant.educations[0].completed
    assert client.post(f"/participants/{participant.id}/experience/{job.id}/remove").status_code == 302
    db.session.expire_all()
    assert participant.work_experiences == []


def test_upside_down_years_are_refused(login, specialist, participant):
    response = login(specialist).post(f"/participants/{participant.id}/experience/new", data={
        "employer_name": "Ica", "role": "Butiksbiträde", "from_year": "2020", "to_year": "2018"})
    assert response.status_code == 422


def test_another_participants_entry_is_404(login, specialist, team, participant):
    other = factories.make_participant(team, specialist)
    entry = services.save_profile_entry(other, specialist, "education", {"programme": "Svenska för invandrare"})
    response = login(specialist).get(f"/participants/{participant.id}/education/{entry.id}")
    assert response.status_code == 404


def test_benefits_counselling_session(login, specialist, participant):
    response = login(specialist).post(f"/participants/{participant.id}/benefits/new", data={
        "held_on": "2026-11-10", "occasion": "before_job_start", "notes": "Gick igenom bostadsbidraget"})
    assert response.status_code == 302
    db.session.expire_all()
    (session,) = participant.benefits_sessions
    assert session.held_on == date(2026, 11, 10) and session.recorded_by_id == specialist.id
