/* Entity resolution, affiliations, outlets, documents, article metadata and the citation graph,
 * through the public API only. One test per resolution rule; every sentence here is invented for
 * this file, and each expectation says what the sentence means. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <quotegraph/quotegraph.h>

static qg_model *g_model;

static int load_model(void **state)
{
    (void)state;
    qg_error err = QG_ERROR_INIT;
    qg_init();
    if (qg_model_load(&g_model, NULL, "en", &err) != QG_OK) {
        fprintf(stderr, "qg_model_load: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int free_model(void **state)
{
    (void)state;
    qg_model_free(g_model);
    g_model = NULL;
    return 0;
}

static qg_doc *analyze_id(const char *text, const char *id)
{
    qg_doc *doc = NULL;
    qg_error err = QG_ERROR_INIT;
    assert_int_equal(qg_doc_decode(&doc, text, strlen(text), id, &err), QG_OK);
    assert_int_equal(qg_analyze(doc, g_model, &err), QG_OK);
    return doc;
}

static qg_doc *analyze(const char *text)
{
    return analyze_id(text, "test");
}

static bool span_is(const qg_doc *doc, qg_span s, const char *want)
{
    size_t len;
    const char *t = qg_doc_text(doc, &len);
    return s.end - s.begin == strlen(want) && !memcmp(t + s.begin, want, s.end - s.begin);
}

/* The entity with this canonical name (fails the test when there is none). */
static size_t entity_named(const qg_doc *doc, const char *name)
{
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ents[i].name, name))
            return i;
    fail_msg("no entity named '%s'", name);
    return QG_NONE;
}

static bool has_entity_named(const qg_doc *doc, const char *name)
{
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ents[i].name, name))
            return true;
    return false;
}

/* The entity that has a mention written exactly `text`, or QG_NONE. */
static size_t entity_with_mention(const qg_doc *doc, const char *text)
{
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    for (size_t i = 0; i < n; i++)
        for (size_t m = 0; m < ents[i].mention_count; m++)
            if (span_is(doc, ents[i].mentions[m].span, text))
                return i;
    return QG_NONE;
}

static const qg_entity *ent(const qg_doc *doc, size_t i)
{
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    assert_true(i < n);
    return &ents[i];
}

static void full_name_surname_and_honorific_surname_are_one_person(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Senator Mara Quell opened the hearing on Monday. Quell said the bill "
                          "would pass. Later, Ms. Quell told reporters she was confident.");
    size_t e = entity_named(doc, "Mara Quell");
    assert_int_equal(ent(doc, e)->kind, QG_ENTITY_PERSON);
    assert_int_equal(entity_with_mention(doc, "Quell"), e);
    assert_true(ent(doc, e)->mention_count >= 3);
    assert_int_equal(ent(doc, e)->anonymous, 0);
    qg_doc_free(doc);
}

static void acronym_after_the_full_name_is_the_same_organisation(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The Northern Water Safety Board published new rules. The NWSB said the "
                          "rules start in May.");
    size_t e = entity_named(doc, "Northern Water Safety Board");
    assert_int_equal(entity_with_mention(doc, "NWSB"), e);
    assert_int_equal(ent(doc, e)->kind, QG_ENTITY_ORGANIZATION);
    qg_doc_free(doc);
}

static void acronym_before_the_full_name_is_the_same_organisation(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The NWSB said the rules start in May. Critics of the Northern Water Safety "
                          "Board said the rules were late.");
    /* one entity, named by its full form, with both mentions */
    size_t e = entity_named(doc, "Northern Water Safety Board");
    assert_int_equal(entity_with_mention(doc, "NWSB"), e);
    assert_false(has_entity_named(doc, "NWSB"));
    /* "Critics" opens its sentence: a role noun, not an organisation */
    assert_false(has_entity_named(doc, "Critics"));
    qg_doc_free(doc);
}

static void acronym_in_parentheses_names_the_organisation(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The Office for Harbour Tolls (OHT) raised its fees. A spokesman for the "
                          "OHT said the rise was small.");
    size_t e = entity_named(doc, "Office for Harbour Tolls");
    assert_int_equal(entity_with_mention(doc, "OHT"), e);
    qg_doc_free(doc);
}

static void short_form_is_the_organisation_with_that_first_word(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Vantrell Labs sells routers. Regulators said Vantrell routers were unsafe, "
                          "and Vantrell said they were not.");
    size_t e = entity_named(doc, "Vantrell Labs");
    assert_int_equal(entity_with_mention(doc, "Vantrell"), e);
    assert_true(ent(doc, e)->flags & QG_ENTITY_SOURCE);
    qg_doc_free(doc);
}

static void indefinite_lead_description_is_the_organisation_named_next(void **state)
{
    (void)state;
    qg_doc *doc = analyze("A FRENCH retailer is recalling its garden chairs.\n\n"
                          "Duclos Group is offering refunds. A spokesman for the retailer said "
                          "the fault was rare.");
    size_t e = entity_named(doc, "Duclos Group");
    assert_int_equal(entity_with_mention(doc, "A FRENCH retailer"), e);
    assert_int_equal(entity_with_mention(doc, "the retailer"), e);
    qg_doc_free(doc);
}

static void definite_description_refers_to_the_organisation_before(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Dovecote Bank cut its rates on Tuesday. The bank said savers would "
                          "benefit. Analysts said the firm had little choice.");
    size_t e = entity_named(doc, "Dovecote Bank");
    assert_int_equal(entity_with_mention(doc, "The bank"), e);
    assert_int_equal(entity_with_mention(doc, "the firm"), e);
    qg_doc_free(doc);
}

static void description_of_a_business_skips_the_police(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Brackwell Software trained officers of the Essington Police. A spokesman "
                          "for the force said the course ended. The company said it was proud.");
    size_t soft = entity_named(doc, "Brackwell Software");
    size_t police = entity_named(doc, "Essington Police");
    assert_int_equal(entity_with_mention(doc, "the force"), police);
    assert_int_equal(entity_with_mention(doc, "The company"), soft);
    qg_doc_free(doc);
}

static void possessive_name_is_a_mention_of_the_organisation(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Corvan Labs said its tools were safe. Critics said Corvan Labs’s anti-virus "
                          "software was a risk.");
    size_t e = entity_named(doc, "Corvan Labs");
    assert_true(ent(doc, e)->mention_count >= 2);
    qg_doc_free(doc);
}

static void spokesmen_of_different_organisations_are_different_roles(void **state)
{
    (void)state;
    qg_doc *doc = analyze("“We are open,” a spokesman for Pellow Bank said. “We are closed,” a "
                          "Marston Police spokesman said. “We are waiting,” said a spokesman for "
                          "Gedney Foods.");
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    size_t roles = 0;
    for (size_t i = 0; i < n; i++) {
        if (ents[i].kind != QG_ENTITY_ROLE)
            continue;
        roles++;
        assert_true(ents[i].affiliation != QG_NONE);
        assert_true(span_is(doc, ents[i].role, "spokesman"));
    }
    assert_int_equal(roles, 3);
    /* each organisation has its own spokesman */
    const char *orgs[] = {"Pellow Bank", "Marston Police", "Gedney Foods"};
    for (int o = 0; o < 3; o++) {
        size_t org = entity_named(doc, orgs[o]), with = 0;
        for (size_t i = 0; i < n; i++)
            with += ents[i].kind == QG_ENTITY_ROLE && ents[i].affiliation == org;
        assert_int_equal(with, 1);
    }
    qg_doc_free(doc);
}

static void title_before_a_name_gives_the_person_a_role_and_an_organisation(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Ashby Mayor Jonas Pell said the bridge would reopen.");
    size_t e = entity_named(doc, "Jonas Pell");
    assert_true(span_is(doc, ent(doc, e)->role, "Mayor"));
    assert_int_equal(ent(doc, e)->affiliation, entity_named(doc, "Ashby"));
    qg_doc_free(doc);
}

static void appositive_after_a_possessive_role_names_the_person(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Governor Ilse Marr spoke first. Marr's running mate, Tobias Wren, said the "
                          "race was close.");
    size_t wren = entity_named(doc, "Tobias Wren");
    assert_int_equal(ent(doc, wren)->kind, QG_ENTITY_PERSON);
    assert_true(span_is(doc, ent(doc, wren)->role, "running mate"));
    /* a person can be whom a role speaks for */
    assert_int_equal(ent(doc, wren)->affiliation, entity_named(doc, "Ilse Marr"));
    qg_doc_free(doc);
}

static void part_of_appositive_links_two_organisations(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The Coastal Flood Unit, part of the national weather agency Meteoline, "
                          "said the tide would peak at noon.");
    size_t unit = entity_named(doc, "Coastal Flood Unit");
    assert_int_equal(ent(doc, unit)->part_of, entity_named(doc, "Meteoline"));
    qg_doc_free(doc);
}

static void anonymous_source_is_a_role_marked_anonymous(void **state)
{
    (void)state;
    qg_doc *doc = analyze("“The deal is done,” a source close to the talks said.");
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    size_t found = 0;
    for (size_t i = 0; i < n; i++)
        if (ents[i].anonymous == 1) {
            found++;
            assert_int_equal(ents[i].kind, QG_ENTITY_ROLE);
        }
    assert_int_equal(found, 1);
    qg_doc_free(doc);
}

static void outlets_cited_as_sources_are_cited(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Mara Quell told the BBC she would run. The plan was first reported by "
                          "MSNBC. The Guardian claimed the party was split.");
    assert_true(ent(doc, entity_named(doc, "BBC"))->flags & QG_ENTITY_CITED);
    assert_true(ent(doc, entity_named(doc, "MSNBC"))->flags & QG_ENTITY_CITED);
    assert_true(ent(doc, entity_named(doc, "Guardian"))->flags & QG_ENTITY_CITED);
    assert_int_equal(ent(doc, entity_named(doc, "BBC"))->kind, QG_ENTITY_OUTLET);
    qg_doc_free(doc);
}

static void outlet_unknown_to_the_gazetteer_is_an_outlet_by_its_head_word(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Mara Quell told the Harlow Courier she would run. The Marlow Gazette "
                          "reported that the party was split.");
    assert_int_equal(ent(doc, entity_named(doc, "Harlow Courier"))->kind, QG_ENTITY_OUTLET);
    assert_true(ent(doc, entity_named(doc, "Harlow Courier"))->flags & QG_ENTITY_CITED);
    assert_int_equal(ent(doc, entity_named(doc, "Marlow Gazette"))->kind, QG_ENTITY_OUTLET);
    qg_doc_free(doc);
    /* an interview with an outlet cites it: the outlet is not the interview's organisation */
    doc = analyze("Mara Quell said in an interview with the Valley Tribune that she would run.");
    assert_true(ent(doc, entity_named(doc, "Valley Tribune"))->flags & QG_ENTITY_CITED);
    qg_doc_free(doc);
}

static void outlet_merely_mentioned_is_not_cited(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Mara Quell bought an advert in the Financial Times. Quell said it worked.");
    assert_false(has_entity_named(doc, "Financial Times"));
    qg_doc_free(doc);
}

static void report_cited_with_according_to_is_a_document_of_its_organisation(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Rents rose by a tenth, according to a report by the Harrow Housing "
                          "Institute.");
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    size_t docs = 0;
    for (size_t i = 0; i < n; i++)
        if (ents[i].kind == QG_ENTITY_DOCUMENT) {
            docs++;
            assert_true(ents[i].flags & QG_ENTITY_CITED);
            assert_int_equal(ents[i].affiliation, entity_named(doc, "Harrow Housing Institute"));
        }
    assert_int_equal(docs, 1);
    qg_doc_free(doc);
}

static void outlet_line_headline_and_byline_are_article_metadata(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The Guardian\n\nFerry fares to rise in spring\n\nBy Nadia Kerr and Owen "
                          "Fell Transport Correspondent\n\n“Fares will rise,” said Ivo Lang, a "
                          "director of Skerry Ferries.\n");
    const qg_article_meta *meta = qg_doc_meta(doc);
    assert_true(span_is(doc, meta->outlet, "The Guardian"));
    assert_true(span_is(doc, meta->headline, "Ferry fares to rise in spring"));
    assert_int_equal(meta->author_count, 2);
    assert_true(span_is(doc, meta->authors[0], "Nadia Kerr"));
    assert_true(span_is(doc, meta->authors[1], "Owen Fell"));
    assert_true(span_is(doc, meta->author_role, "Transport Correspondent"));
    assert_true(ent(doc, entity_named(doc, "Nadia Kerr"))->flags & QG_ENTITY_AUTHOR);
    assert_true(ent(doc, entity_with_mention(doc, "The Guardian"))->flags & QG_ENTITY_PUBLISHER);
    qg_doc_free(doc);
}

static void outlet_line_unknown_to_the_gazetteer_by_its_head_word(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The Harlow Courier\n\nCouncil votes to close the depot\n\nBy Imogen "
                          "Shaw, Environment Reporter\n\nHARLOW — The council voted on Monday to "
                          "close the depot.\n");
    const qg_article_meta *meta = qg_doc_meta(doc);
    assert_true(span_is(doc, meta->outlet, "The Harlow Courier"));
    assert_true(span_is(doc, meta->headline, "Council votes to close the depot"));
    assert_int_equal(meta->author_count, 1);
    assert_true(span_is(doc, meta->authors[0], "Imogen Shaw"));
    qg_doc_free(doc);
}

static void first_sentence_is_not_a_headline(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The council met on Monday.\n\n“We will rebuild,” the mayor said.\n");
    const qg_article_meta *meta = qg_doc_meta(doc);
    assert_int_equal(meta->headline.end, meta->headline.begin);
    assert_int_equal(meta->author_count, 0);
    assert_int_equal(meta->body_begin, 0);
    qg_doc_free(doc);
}

static void agency_dateline_is_cited(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Toll bridge to close for repairs.\n\nLEEDS (Reuters) — The Aire toll "
                          "bridge will close, its operator said.\n");
    const qg_article_meta *meta = qg_doc_meta(doc);
    assert_true(span_is(doc, meta->dateline_outlet, "Reuters"));
    assert_true(span_is(doc, meta->headline, "Toll bridge to close for repairs."));
    assert_true(ent(doc, entity_named(doc, "Reuters"))->flags & QG_ENTITY_CITED);
    qg_doc_free(doc);
}

/* ---- the graph ---- */

static size_t node_named(const qg_graph *g, const char *id)
{
    for (size_t i = 0; i < qg_graph_node_count(g); i++)
        if (!strcmp(qg_graph_node_at(g, i).id, id))
            return i;
    return QG_NONE;
}

static bool has_edge(const qg_graph *g, size_t s, size_t t, const char *rel)
{
    for (size_t i = 0; i < qg_graph_edge_count(g); i++) {
        qg_graph_edge e = qg_graph_edge_at(g, i);
        if (e.source == s && e.target == t && !strcmp(e.relation, rel))
            return true;
    }
    return false;
}

static const char SMALL[] = "“Fares will rise,” said Ivo Lang, a director of Skerry Ferries. "
                            "Skerry Ferries told the BBC the rise was small.";

static void graph_has_citation_and_affiliation_edges_with_stable_ids(void **state)
{
    (void)state;
    qg_doc *doc = analyze(SMALL);
    qg_graph *g = NULL;
    assert_int_equal(qg_graph_build(&g, doc, NULL), QG_OK);
    size_t article = node_named(g, "article:test");
    size_t lang = node_named(g, "person:ivo-lang");
    size_t ferries = node_named(g, "organization:skerry-ferries");
    size_t bbc = node_named(g, "outlet:bbc");
    assert_true(article != QG_NONE && lang != QG_NONE && ferries != QG_NONE && bbc != QG_NONE);
    assert_true(has_edge(g, lang, ferries, "affiliated_with"));
    assert_true(has_edge(g, article, bbc, "cites"));
    assert_string_equal(qg_graph_node_at(g, lang).role, "director");
    size_t q = qg_graph_quote_node(g, 0);
    assert_true(has_edge(g, q, lang, "attributed_to"));
    assert_memory_equal(qg_graph_node_at(g, q).id, "quote:", 6);
    qg_graph_free(g);
    qg_doc_free(doc);
}

static void ids_do_not_shift_when_an_unrelated_quote_is_added(void **state)
{
    (void)state;
    char bigger[512];
    snprintf(bigger, sizeof bigger, "%s “Tickets are sold out,” said Una Royle.", SMALL);
    qg_doc *a = analyze(SMALL), *b = analyze(bigger);
    qg_graph *ga = NULL, *gb = NULL;
    assert_int_equal(qg_graph_build(&ga, a, NULL), QG_OK);
    assert_int_equal(qg_graph_build(&gb, b, NULL), QG_OK);
    for (size_t i = 0; i < qg_graph_node_count(ga); i++)
        assert_true(node_named(gb, qg_graph_node_at(ga, i).id) != QG_NONE);
    assert_true(qg_graph_node_count(gb) > qg_graph_node_count(ga));
    qg_graph_free(ga);
    qg_graph_free(gb);
    qg_doc_free(a);
    qg_doc_free(b);
}

static void summary_ranks_sources_by_quotes_and_counts_anonymous_ones(void **state)
{
    (void)state;
    qg_doc *doc = analyze("“One,” said Ivo Lang, a director of Skerry Ferries. “Two,” Lang added. "
                          "“Three,” an official said.");
    qg_graph *g = NULL;
    assert_int_equal(qg_graph_build(&g, doc, NULL), QG_OK);
    const qg_graph_summary *s = qg_graph_summary_of(g);
    assert_int_equal(s->quotes, 3);
    assert_int_equal(s->attributed, 3);
    assert_true(s->source_count >= 2);
    assert_string_equal(qg_graph_node_at(g, s->source_ranks[0].node).label, "Ivo Lang");
    assert_true(s->source_ranks[0].quotes == 2.0);
    assert_int_equal(s->anonymous_quotes, 1);
    assert_true(s->anonymous_sources == 1 && s->anonymous_share > 0 && s->anonymous_share < 1);
    assert_true(s->organization_count >= 1);
    assert_string_equal(qg_graph_node_at(g, s->organization_ranks[0].node).label, "Skerry Ferries");
    assert_true(s->organization_ranks[0].quotes == 2.0);
    qg_graph_free(g);
    qg_doc_free(doc);
}

/* The speaker entity of quote i (fails the test when the quote has none). */
static const qg_entity *speaker_of(const qg_doc *doc, size_t i)
{
    size_t n;
    const qg_quote *q = qg_doc_quotes(doc, &n);
    assert_true(i < n);
    if (q[i].speaker == QG_NONE)
        fail_msg("quote %zu has no speaker", i);
    return ent(doc, q[i].speaker);
}

/* Is there an entity of this name and kind? */
static bool has_entity_of_kind(const qg_doc *doc, const char *name, qg_entity_kind kind)
{
    size_t n;
    const qg_entity *ents = qg_doc_entities(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ents[i].name, name) && ents[i].kind == kind)
            return true;
    return false;
}

static void company_appositive_names_an_organisation_speaker(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The company, Northwind Rail, said it would cut fares next spring. "
                          "\u201CWe lend to farmers first,\u201D the bank, Corran Mutual, said.");
    assert_string_equal(speaker_of(doc, 0)->name, "Northwind Rail");
    assert_int_equal(speaker_of(doc, 0)->kind, QG_ENTITY_ORGANIZATION);
    assert_string_equal(speaker_of(doc, 1)->name, "Corran Mutual");
    assert_int_equal(speaker_of(doc, 1)->kind, QG_ENTITY_ORGANIZATION);
    assert_false(has_entity_of_kind(doc, "Northwind Rail", QG_ENTITY_PERSON));
    assert_false(has_entity_of_kind(doc, "Corran Mutual", QG_ENTITY_PERSON));
    qg_doc_free(doc);
}

static void generic_side_word_before_a_role_is_not_an_organisation(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Opposition leader Ana Pires said the plan was a disgrace. "
                          "\u201CIt will fail,\u201D said Party spokesman Olu Baird. "
                          "Greenway Party leader Mira Tosk said the vote was fair.");
    assert_string_equal(speaker_of(doc, 0)->name, "Ana Pires");
    assert_int_equal(speaker_of(doc, 0)->affiliation, QG_NONE);
    assert_string_equal(speaker_of(doc, 1)->name, "Olu Baird");
    assert_int_equal(speaker_of(doc, 1)->affiliation, QG_NONE);
    assert_false(has_entity_named(doc, "Opposition"));
    assert_false(has_entity_named(doc, "Party"));
    /* a named party before the role stays the organisation */
    assert_string_equal(speaker_of(doc, 2)->name, "Mira Tosk");
    assert_int_equal(speaker_of(doc, 2)->affiliation, entity_named(doc, "Greenway Party"));
    qg_doc_free(doc);
}

static void author_of_a_survey_is_an_organisation_unless_a_full_name(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Most voters oppose the toll, according to a survey by Pollwick. "
                          "Rents will rise, according to a study by Corran Analytics. "
                          "Ferries are late, according to a report by Ann Lutz.");
    assert_string_equal(speaker_of(doc, 0)->name, "Pollwick");
    assert_int_equal(speaker_of(doc, 0)->kind, QG_ENTITY_ORGANIZATION);
    assert_string_equal(speaker_of(doc, 1)->name, "Corran Analytics");
    assert_int_equal(speaker_of(doc, 1)->kind, QG_ENTITY_ORGANIZATION);
    assert_false(has_entity_of_kind(doc, "Pollwick", QG_ENTITY_PERSON));
    assert_false(has_entity_of_kind(doc, "Corran Analytics", QG_ENTITY_PERSON));
    /* a person's full name stays a person, and is who the report is by */
    assert_string_equal(speaker_of(doc, 2)->name, "Ann Lutz");
    assert_int_equal(speaker_of(doc, 2)->kind, QG_ENTITY_PERSON);
    assert_false(has_entity_of_kind(doc, "Ann Lutz", QG_ENTITY_ORGANIZATION));
    size_t report = entity_named(doc, "report by Ann Lutz");
    assert_int_equal(ent(doc, report)->affiliation, entity_named(doc, "Ann Lutz"));
    qg_doc_free(doc);
}

static void lone_surname_taken_up_by_he_or_she_is_a_person(void **state)
{
    (void)state;
    qg_doc *doc = analyze("\u201CWe will cut fares next spring,\u201D Mendez said. He added that "
                          "the plan was final.\n\n"
                          "\u201CThe pier stays shut,\u201D said Okafor. \u201CWe have no "
                          "choice,\u201D she added.\n\n"
                          "Harrowgate said it would review the case.");
    assert_string_equal(speaker_of(doc, 0)->name, "Mendez");
    assert_int_equal(speaker_of(doc, 0)->kind, QG_ENTITY_PERSON);
    assert_ptr_equal(speaker_of(doc, 1), speaker_of(doc, 0)); /* "He added" */
    assert_string_equal(speaker_of(doc, 2)->name, "Okafor");
    assert_int_equal(speaker_of(doc, 2)->kind, QG_ENTITY_PERSON);
    assert_ptr_equal(speaker_of(doc, 3), speaker_of(doc, 2));
    /* no pronoun takes it up: an organisation, as before ("Barclays said") */
    assert_string_equal(speaker_of(doc, 4)->name, "Harrowgate");
    assert_int_equal(speaker_of(doc, 4)->kind, QG_ENTITY_ORGANIZATION);
    qg_doc_free(doc);
}

static void another_and_a_lone_word_after_an_inverted_cue_are_people(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Another said: \"The ferry is a disgrace.\"\n\n"
                          "\u201CGo,\u201D said Tamsin. "
                          "\u201CWe lend to farmers,\u201D said Corrabank. \u201CWe always "
                          "have,\u201D it added.");
    /* "Another": an unnamed person, an anonymous source, not an organisation */
    assert_int_equal(speaker_of(doc, 0)->kind, QG_ENTITY_ROLE);
    assert_int_equal(speaker_of(doc, 0)->anonymous, 1);
    assert_false(has_entity_of_kind(doc, "Another", QG_ENTITY_ORGANIZATION));
    /* a lone capitalised word ending an inverted tag is a person */
    assert_string_equal(speaker_of(doc, 1)->name, "Tamsin");
    assert_int_equal(speaker_of(doc, 1)->kind, QG_ENTITY_PERSON);
    /* unless "it" takes it up */
    assert_string_equal(speaker_of(doc, 2)->name, "Corrabank");
    assert_int_equal(speaker_of(doc, 2)->kind, QG_ENTITY_ORGANIZATION);
    qg_doc_free(doc);
}

static void employer_appositive_and_transit_source_are_organisations(void **state)
{
    (void)state;
    qg_doc *doc = analyze("The employer, Stanmore Haulage, said the depot would close. "
                          "The trams are late, according to Dunmore Transit.");
    assert_string_equal(speaker_of(doc, 0)->name, "Stanmore Haulage");
    assert_int_equal(speaker_of(doc, 0)->kind, QG_ENTITY_ORGANIZATION);
    assert_string_equal(speaker_of(doc, 1)->name, "Dunmore Transit");
    assert_int_equal(speaker_of(doc, 1)->kind, QG_ENTITY_ORGANIZATION);
    assert_false(has_entity_of_kind(doc, "Stanmore Haulage", QG_ENTITY_PERSON));
    assert_false(has_entity_of_kind(doc, "Dunmore Transit", QG_ENTITY_PERSON));
    qg_doc_free(doc);
}

static void private_role_or_named_role_takes_no_organisation_from_the_sentence_before(void **state)
{
    (void)state;
    qg_doc *doc = analyze("Police were called to the school. A parent, Rhys Tolland, said the "
                          "children had been terrified.\n\n"
                          "The Kelby Water Board was fined. A local resident said the water "
                          "tasted of metal.\n\n"
                          "Corran Mutual was fined on Monday. A spokesman said the bank would "
                          "appeal.");
    assert_string_equal(speaker_of(doc, 0)->name, "Rhys Tolland");
    assert_int_equal(speaker_of(doc, 0)->affiliation, QG_NONE);
    assert_int_equal(speaker_of(doc, 1)->kind, QG_ENTITY_ROLE);
    assert_int_equal(speaker_of(doc, 1)->affiliation, QG_NONE);
    /* a role that speaks for an organisation still takes it from the sentence before */
    assert_int_equal(speaker_of(doc, 2)->affiliation, entity_named(doc, "Corran Mutual"));
    qg_doc_free(doc);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_name_surname_and_honorific_surname_are_one_person),
        cmocka_unit_test(acronym_after_the_full_name_is_the_same_organisation),
        cmocka_unit_test(acronym_before_the_full_name_is_the_same_organisation),
        cmocka_unit_test(acronym_in_parentheses_names_the_organisation),
        cmocka_unit_test(short_form_is_the_organisation_with_that_first_word),
        cmocka_unit_test(indefinite_lead_description_is_the_organisation_named_next),
        cmocka_unit_test(definite_description_refers_to_the_organisation_before),
        cmocka_unit_test(description_of_a_business_skips_the_police),
        cmocka_unit_test(possessive_name_is_a_mention_of_the_organisation),
        cmocka_unit_test(spokesmen_of_different_organisations_are_different_roles),
        cmocka_unit_test(title_before_a_name_gives_the_person_a_role_and_an_organisation),
        cmocka_unit_test(appositive_after_a_possessive_role_names_the_person),
        cmocka_unit_test(part_of_appositive_links_two_organisations),
        cmocka_unit_test(anonymous_source_is_a_role_marked_anonymous),
        cmocka_unit_test(outlets_cited_as_sources_are_cited),
        cmocka_unit_test(outlet_line_unknown_to_the_gazetteer_by_its_head_word),
        cmocka_unit_test(outlet_unknown_to_the_gazetteer_is_an_outlet_by_its_head_word),
        cmocka_unit_test(outlet_merely_mentioned_is_not_cited),
        cmocka_unit_test(report_cited_with_according_to_is_a_document_of_its_organisation),
        cmocka_unit_test(outlet_line_headline_and_byline_are_article_metadata),
        cmocka_unit_test(first_sentence_is_not_a_headline),
        cmocka_unit_test(agency_dateline_is_cited),
        cmocka_unit_test(graph_has_citation_and_affiliation_edges_with_stable_ids),
        cmocka_unit_test(ids_do_not_shift_when_an_unrelated_quote_is_added),
        cmocka_unit_test(summary_ranks_sources_by_quotes_and_counts_anonymous_ones),
        cmocka_unit_test(company_appositive_names_an_organisation_speaker),
        cmocka_unit_test(generic_side_word_before_a_role_is_not_an_organisation),
        cmocka_unit_test(author_of_a_survey_is_an_organisation_unless_a_full_name),
        cmocka_unit_test(lone_surname_taken_up_by_he_or_she_is_a_person),
        cmocka_unit_test(another_and_a_lone_word_after_an_inverted_cue_are_people),
        cmocka_unit_test(employer_appositive_and_transit_source_are_organisations),
        cmocka_unit_test(private_role_or_named_role_takes_no_organisation_from_the_sentence_before),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("entity", tests, load_model, free_model);
}
