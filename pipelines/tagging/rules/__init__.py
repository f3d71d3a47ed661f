"""Disambiguation rules, one small named function each.

Every rule looks at one mention (or the whole story) through :class:`Story` and answers whether
the mention counts. The tagger records the rule's name in the evidence when a rule suppresses
or promotes something, so an operator can see why a tag is (or is not) there.

The package re-exports what the tagger uses, so callers write ``rules.X``:

- ``names``: each rule's name and RULES, its one-line explanation;
- ``vocabulary``: the word lists, patterns and reaches the rules share;
- ``story``: :class:`Story`, what the rules look at;
- ``dateline``: the dateline and mentions in it;
- ``asides``: photo captions and related-story lines;
- ``soft_mentions``: places named only as reference points (routes, hometowns, distances);
- ``abroad``: Pakistani place names that stand for something across the border;
- ``places``: the other place rules;
- ``groups``: the group rules.
"""

from pipelines.tagging.rules.abroad import (
    border_crossing,
    cross_border_places,
    foreign_namesake,
    gb_called_kashmir,
    hyderabad_telangana,
    indian_kashmir,
    indian_punjab,
)
from pipelines.tagging.rules.asides import aside_line, line_role
from pipelines.tagging.rules.dateline import dateline_end, dateline_span, in_dateline
from pipelines.tagging.rules.groups import (
    al_qaeda_affiliate,
    al_qaeda_as_aqis,
    al_qaeda_history,
    al_qaeda_regional,
    alliance_member,
    context_acronym,
    descriptor_prefix,
    descriptor_prefix_cue,
    diplomatic_briefing,
    group_descriptor,
    history_sentence,
    islamic_state_abroad,
    islamic_state_regional,
    jundallah_iranian,
    label_definition,
    party_affinity,
    redefined_acronym,
    sanctions_regime,
    state_label_applies,
    taliban_alone_is_afghan,
    unlisted_group_descriptor,
)
from pipelines.tagging.rules.names import (
    AL_QAEDA_AFFILIATE,
    AL_QAEDA_AS_AQIS,
    AL_QAEDA_HISTORY,
    AL_QAEDA_REGIONAL,
    ALLIANCE_MEMBERS,
    BORDER_CROSSING,
    BOUNDARY_REFERENCE,
    CONTEXT_ACRONYM,
    CROSS_BORDER_PLACES,
    DATELINE,
    DIPLOMATIC_DATELINE,
    DIPLOMATIC_VENUE,
    DISTANCE_REFERENCE,
    FIGURE_LISTING,
    FITNA_AL_HINDUSTAN,
    FOREIGN_NAMESAKE,
    FOREIGN_SETTING,
    GB_CALLED_KASHMIR,
    GROUP_DESCRIPTOR,
    GROUP_HISTORY,
    HYDERABAD_TELANGANA,
    IMPLIES_PARENT,
    INCIDENT_PLACE,
    INDIAN_KASHMIR,
    INDIAN_PUNJAB,
    ISLAMABAD_AS_GOVERNMENT,
    ISLAMIC_STATE_ABROAD,
    ISLAMIC_STATE_REGIONAL,
    JUNDALLAH_IRANIAN,
    KHAWARIJ_LABEL,
    LABEL_DEFINITION,
    MUZAFFARABAD_VS_MUZAFFARGARH,
    NEGATED_MENTION,
    OFFICE_HOLDER,
    ORDINARY_WORDS,
    ORGANISATION_BASE,
    ORIGIN_MENTION,
    PARTY_AFFINITY,
    PASSING_GROUP_MENTION,
    PASSING_MENTION,
    PERSONAL_NAME,
    PHOTO_CAPTION,
    REDEFINED_ACRONYM,
    RELATED_HEADLINE,
    ROUTE_DESCRIPTION,
    ROUTE_ENDPOINT,
    RULES,
    SANCTIONS_REGIME,
    SHARED_PLACE,
    TALIBAN_ALONE_IS_AFGHAN,
    TALIBAN_PAKISTANI_CONTEXT,
    TEAM_SHORTHAND,
    UNLISTED_GROUP_DESCRIPTOR,
    WEAK_ACRONYM,
)
from pipelines.tagging.rules.places import (
    bracketed_repeat,
    chained_place,
    diplomatic_venue,
    figure_listing,
    incident_place,
    islamabad_as_government,
    muzaffarabad_vs_muzaffargarh,
    negated_mention,
    ordinary_words,
    organisation_base,
    personal_name,
    shared_place,
    team_shorthand,
    urdu_incident_after,
)
from pipelines.tagging.rules.soft_mentions import soft_mention, urdu_going_to
from pipelines.tagging.rules.story import Story, foreign_setting_weight

__all__ = [
    "ALLIANCE_MEMBERS", "AL_QAEDA_AFFILIATE", "AL_QAEDA_AS_AQIS", "AL_QAEDA_HISTORY", "AL_QAEDA_REGIONAL",
    "BORDER_CROSSING", "BOUNDARY_REFERENCE", "CONTEXT_ACRONYM", "CROSS_BORDER_PLACES", "DATELINE",
    "DIPLOMATIC_DATELINE", "DIPLOMATIC_VENUE", "DISTANCE_REFERENCE", "FIGURE_LISTING", "FITNA_AL_HINDUSTAN",
    "FOREIGN_NAMESAKE", "FOREIGN_SETTING", "GB_CALLED_KASHMIR", "GROUP_DESCRIPTOR", "GROUP_HISTORY",
    "HYDERABAD_TELANGANA", "IMPLIES_PARENT", "INCIDENT_PLACE", "INDIAN_KASHMIR", "INDIAN_PUNJAB",
    "ISLAMABAD_AS_GOVERNMENT", "ISLAMIC_STATE_ABROAD", "ISLAMIC_STATE_REGIONAL", "JUNDALLAH_IRANIAN",
    "KHAWARIJ_LABEL", "LABEL_DEFINITION", "MUZAFFARABAD_VS_MUZAFFARGARH", "NEGATED_MENTION", "OFFICE_HOLDER",
    "ORDINARY_WORDS", "ORGANISATION_BASE", "ORIGIN_MENTION", "PARTY_AFFINITY", "PASSING_GROUP_MENTION",
    "PASSING_MENTION", "PERSONAL_NAME", "PHOTO_CAPTION", "REDEFINED_ACRONYM", "RELATED_HEADLINE",
    "ROUTE_DESCRIPTION", "ROUTE_ENDPOINT", "RULES", "SANCTIONS_REGIME", "SHARED_PLACE",
    "TALIBAN_ALONE_IS_AFGHAN", "TALIBAN_PAKISTANI_CONTEXT", "TEAM_SHORTHAND", "UNLISTED_GROUP_DESCRIPTOR",
    "WEAK_ACRONYM", "Story", "al_qaeda_affiliate", "al_qaeda_as_aqis", "al_qaeda_history",
    "al_qaeda_regional", "alliance_member", "aside_line", "border_crossing", "bracketed_repeat",
    "chained_place", "context_acronym", "cross_border_places", "dateline_end", "dateline_span",
    "descriptor_prefix", "descriptor_prefix_cue", "diplomatic_briefing", "diplomatic_venue", "figure_listing",
    "foreign_namesake", "foreign_setting_weight", "gb_called_kashmir", "group_descriptor", "history_sentence",
    "hyderabad_telangana", "in_dateline", "incident_place", "indian_kashmir", "indian_punjab",
    "islamabad_as_government", "islamic_state_abroad", "islamic_state_regional", "jundallah_iranian",
    "label_definition", "line_role", "muzaffarabad_vs_muzaffargarh", "negated_mention", "ordinary_words",
    "organisation_base", "party_affinity", "personal_name", "redefined_acronym", "sanctions_regime",
    "shared_place", "soft_mention", "state_label_applies", "taliban_alone_is_afghan", "team_shorthand",
    "unlisted_group_descriptor", "urdu_going_to", "urdu_incident_after",
]
