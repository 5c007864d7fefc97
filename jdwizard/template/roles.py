"""What a field's answer means to jdwizard: its role, declared in `template.toml` (`role = ...`).

The code keys on roles (the company name names the draft file, the salary and the location
drive the pay checks, ...), while field names stay the public contract of drafts and the command
line. This module is the one place a role is resolved: a template that declares no role at all
(one imported or written before roles existed) gets them from the field names every built-in
template uses for them, and so does `validate = "salary"`.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    COMPANY_NAME = "company_name"  # names the draft file and the profile
    COMPANY_SUMMARY = "company_summary"  # what the company does
    LOCATION = "location"  # where the role is based: which pay rules apply
    WORK_TYPE = "work_type"  # remote, hybrid, on-site: remote roles may be covered everywhere
    SALARY = "salary"  # the pay range the pay checks read
    BENEFITS = "benefits"  # some pay laws ask for a description of benefits
    PTO = "pto"  # paid time off
    HIRING_MANAGER = "hiring_manager"  # who the role reports to
    JOB_TITLE = "job_title"  # the post's title: its H1 and the JSON-LD title
    EMPLOYMENT_TYPE = "employment_type"  # full-time, part-time, contract...
    DEADLINE = "deadline"  # apply by: Colorado asks for it; JSON-LD validThrough
    HOW_TO_APPLY = "how_to_apply"
    EEO_STATEMENT = "eeo_statement"  # equal opportunity, with the accommodation sentence
    COMPANY_WEBSITE = "company_website"  # JSON-LD hiringOrganization.sameAs
    COMPANY_SIZE = "company_size"  # employees: pay laws have employer-size thresholds
    RESPONSIBILITIES = "responsibilities"
    REQUIREMENTS = "requirements"  # the must-haves (a long list is a finding)
    NICE_TO_HAVE = "nice_to_have"
    ABOUT_TEAM = "about_team"
    INTERVIEW_PROCESS = "interview_process"
    EXTRA = "extra"


# Roles whose answer belongs to the company rather than the role: kept in a company profile.
COMPANY_ROLES = frozenset({
    Role.COMPANY_NAME, Role.COMPANY_SUMMARY, Role.LOCATION, Role.WORK_TYPE, Role.BENEFITS,
    Role.PTO, Role.EEO_STATEMENT, Role.COMPANY_WEBSITE, Role.COMPANY_SIZE,
})
# Roles the pay-transparency checks read, besides the salary: a change to one of these
# answers can change the pay findings.
PAY_ROLES = frozenset({Role.SALARY, Role.LOCATION, Role.WORK_TYPE, Role.BENEFITS, Role.DEADLINE,
                       Role.COMPANY_SIZE})

# The field names the built-in templates give these roles: the roles of a template that
# declares none.
LEGACY_NAMES = {
    "company": Role.COMPANY_NAME,
    "what_you_do": Role.COMPANY_SUMMARY,
    "location": Role.LOCATION,
    "work_type": Role.WORK_TYPE,
    "salary_range": Role.SALARY,
    "benefits": Role.BENEFITS,
    "pto_policy": Role.PTO,
    "hiring_manager": Role.HIRING_MANAGER,
    # the standard fields (data/standard-fields.toml) keep their names everywhere
    "job_title": Role.JOB_TITLE,
    "employment_type": Role.EMPLOYMENT_TYPE,
    "apply_by": Role.DEADLINE,
    "how_to_apply": Role.HOW_TO_APPLY,
    "eeo_statement": Role.EEO_STATEMENT,
    "company_website": Role.COMPANY_WEBSITE,
    "company_size": Role.COMPANY_SIZE,
    "responsibilities": Role.RESPONSIBILITIES,
    "requirements": Role.REQUIREMENTS,
    "nice_to_have": Role.NICE_TO_HAVE,
    "about_team": Role.ABOUT_TEAM,
    "interview_process": Role.INTERVIEW_PROCESS,
    "extra": Role.EXTRA,
}


# The name a role's field has in every built-in template: the key for it where no template is
# at hand (a company profile started from the command line).
STANDARD_NAMES = {role: name for name, role in LEGACY_NAMES.items()}


def legacy_role(name: str, validates_salary: bool) -> Role | None:
    """The role of a field in a template that declares none, from its name or its check."""
    if validates_salary:
        return Role.SALARY
    return LEGACY_NAMES.get(name)
