"""Hand-worked matching cases: each expected score is added up in the comment beside it."""
from crm.matching.engine import (
    ENVIRONMENT,
    HOURS,
    INDUSTRY,
    OCCUPATION,
    OCCUPATION_NEAR,
    TASK_LIKED,
    WAGE,
    Exclusion,
    Job,
    Match,
    Seeker,
    assess,
    phrases,
    rank_jobs,
    rank_seekers,
)

ANNA = Seeker(
    id=1, hours_min=20, hours_max=30, weekdays=True, evenings=False, weekends=False,
    municipalities=frozenset({"Nyköping", "Oxelösund"}), setting="indoor", sound="quiet", people="little",
    physical="light", wage_floor=22000, occupations=frozenset({"4322"}), industries=frozenset({"52"}),
    liked=phrases("packa, sortera"), avoided=phrases("kassa"), experience=frozenset({"truckkort", "lager"}),
    no_disclosure_employers=frozenset({99}),
)


def job(**overrides) -> Job:
    base = {"id": 10, "employer_id": 5, "text": "lagermedarbetare: packa och sortera varor", "occupation": "4322",
                "industry": "52", "hours_min": 20, "hours_max": 25, "municipality": "Nyköping", "setting": "indoor",
                "sound": "quiet", "people": "low", "physical": "low", "wage": 24000}
    return Job(**{**base, **overrides})


def test_a_job_that_meets_every_preference():
    result = assess(ANNA, job())
    assert isinstance(result, Match)
    # occupation 40 + industry 15 + two liked tasks 10+10 + four environment fits 4×5 + wage 10 + hours 5 = 110
    assert result.score == OCCUPATION + INDUSTRY + 2 * TASK_LIKED + 4 * ENVIRONMENT + WAGE + HOURS == 110
    assert result.missed == ()
    assert ("occupation", "4322") in result.met and ("task_liked", "packa") in result.met


def test_a_close_occupation_a_lower_wage_and_a_lively_mix():
    result = assess(ANNA, job(occupation="4321", wage=20000, sound="mixed", industry="47", text="lager"))
    # near occupation 20 + setting 5 + people 5 + physical 5 + hours 5 = 40; misses: industry, sound, wage
    assert result.score == OCCUPATION_NEAR + 3 * ENVIRONMENT + HOURS == 40
    assert {code for code, _ in result.missed} == {"industry", "sound", "wage"}


def test_hard_constraints_exclude_with_the_reason():
    cases = {
        "hours_too_many": job(hours_min=35, hours_max=40),
        "hours_too_few": job(hours_min=5, hours_max=10),
        "evenings": job(evenings=True),
        "weekends": job(weekends=True),
        "municipality": job(municipality="Stockholm"),
        "setting": job(setting="outdoor"),
        "lively": job(sound="lively"),
        "people_high": job(people="high"),
        "physical_high": job(physical="high"),
        "task_avoided": job(text="kassa och påfyllning"),
        "disclosure": job(employer_id=99, requires_disclosure=True),
    }
    for code, candidate in cases.items():
        result = assess(ANNA, candidate)
        assert isinstance(result, Exclusion), code
        assert result.reason[0] == code


def test_no_disclosure_toward_one_employer_only_excludes_jobs_that_need_it():
    assert isinstance(assess(ANNA, job(employer_id=99)), Match)
    assert isinstance(assess(ANNA, job(employer_id=5, requires_disclosure=True)), Match)
    default_none = Seeker(id=2, no_disclosure_by_default=True, disclosure_employers=frozenset({7}))
    assert isinstance(assess(default_none, job(requires_disclosure=True)), Exclusion)
    assert isinstance(assess(default_none, job(employer_id=7, requires_disclosure=True)), Match)


def test_open_preferences_exclude_nothing_and_score_nothing():
    anyone = Seeker(id=3)
    result = assess(anyone, job(evenings=False, weekends=False))
    assert result.score == 0 and result.met == () and result.missed == ()


def test_experience_only_breaks_ties_and_ranking_is_deterministic():
    same = {"text": "lager", "occupation": "4322", "hours_min": None, "hours_max": None, "wage": None}
    a, b, c = job(id=3, **same), job(id=1, **same), job(id=2, **{**same, "text": "lager truckkort"})
    matches = rank_jobs(ANNA, [a, b, c]).matches()
    assert [m.job_id for m in matches] == [2, 1, 3]  # truckkort breaks the tie, then the lower id
    assert matches[0].score == matches[1].score


def test_rank_people_for_a_job():
    quiet_packer = ANNA
    evening_only = Seeker(id=4, weekdays=False, evenings=True)
    cook = Seeker(id=5, occupations=frozenset({"5120"}))
    ranking = rank_seekers(job(), [cook, evening_only, quiet_packer])
    assert [m.seeker_id for m in ranking.matches()] == [1, 5]
    assert [(e.seeker_id, e.reason[0]) for e in ranking.exclusions()] == [(4, "weekdays")]
    assert ranking.excluded_counts() == {"weekdays": 1}


def test_both_directions_agree_pair_by_pair():
    """Ranking a person against many jobs and a job against many people apply the same rules."""
    jobs = [job(id=1), job(id=2, evenings=True), job(id=3, occupation="4321", sound="mixed"),
            job(id=4, text="kassa"), job(id=5, municipality=None, wage=None, occupation=None)]
    people = [ANNA, Seeker(id=6, evenings=True, occupations=frozenset({"4321"}), liked=phrases("lager")),
              Seeker(id=7, weekdays=False, weekends=True)]
    for person in people:
        by_person = {m.job_id: m for m in rank_jobs(person, jobs).matches()}
        for candidate in jobs:
            by_job = {m.seeker_id: m for m in rank_seekers(candidate, people).matches()}
            assert by_person.get(candidate.id) == by_job.get(person.id), (person.id, candidate.id)
