"""Checks over stored partnerships, projects and networks (Allegato A §4.1 and §4.2). They only
read: the outcome is the list of violations, shown on the screens and in the Piano."""

from conciliazione import models as m
from conciliazione import rules, selectors


def network_check(*, network: m.ConciliationNetwork) -> list[rules.Violation]:
    """§4.1: the Comunità di pratica includes the five mandatory representations."""
    return rules.check_community_of_practice(selectors.community_kinds(network))


def alliance_validate(*, alliance: m.LocalAlliance) -> list[rules.Violation]:
    """§4.2 «Beneficiari»: at least three beneficiaries, an admissible lead, a territorial public body."""
    lead, partners = selectors.alliance_partnership(alliance)
    return rules.check_partnership(lead, partners)


def project_validate(*, project: m.ConciliationProject) -> list[rules.Violation]:
    """§4.1: at least two macro-categories, nothing non-fundable, delivery mode, two-year duration."""
    return rules.check_project_interventions(
        selectors.project_interventions(project), project.start_date, project.end_date
    )
