#!/usr/bin/env python3
"""Regenerate the English lexicon files in models/en/ for quotegraph.

Usage:
    python3 scripts/mine-lexicons.py --data ../shared/data/polnear/dev.jsonl --out models/en

What is mined from PolNeAR dev (Newell, Margolin & Ruths, LREC 2018):
  * cue-word counts (cues.tsv `count` field) and a coverage check of frequent cues;
  * title words that precede capitalised names in speaker strings (titles.tsv);
  * appositive head nouns of speaker strings ("X, a spokesman for Y") (roles.tsv);
  * news outlets that appear as speakers (outlets.tsv; only names already in the hand list
    or matching the outlet patterns are kept);
  * given names: first tokens of person-like speaker strings (first_names.tsv).
Only word lists are written -- no article text is copied.  Everything else is hand-curated
and lives in the HAND_* sections of this script (facts; CC0-1.0).

Without --data (or when the file is absent) the hand lists are still written, with count 0.
"""
import argparse
import collections
import json
import os
import re
import sys

FORMAT = "# format: quotegraph-lexicon 1 (UTF-8; '#' lines are comments; one entry per line; fields separated by TAB)"
PN_CITE = "PolNeAR dev (Newell, Margolin & Ruths, LREC 2018)"
LICENCE = "# licence: word list: CC0-1.0 (facts; no article text copied)"

# ---------------------------------------------------------------------------
# HAND-CURATED: morphology
# ---------------------------------------------------------------------------
# irregular verbs: lemma -> (3sg, past, past participle, ing)
IRREGULAR = {
    "say": ("says", "said", "said", "saying"),
    "tell": ("tells", "told", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thought", "thinking"),
    "feel": ("feels", "felt", "felt", "feeling"),
    "know": ("knows", "knew", "known", "knowing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "read": ("reads", "read", "read", "reading"),
    "find": ("finds", "found", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "swear": ("swears", "swore", "sworn", "swearing"),
    "forecast": ("forecasts", "forecast", "forecast", "forecasting"),
    "foresee": ("foresees", "foresaw", "foreseen", "foreseeing"),
    "understand": ("understands", "understood", "understood", "understanding"),
    "go": ("goes", "went", "gone", "going"),
    "lay": ("lays", "laid", "laid", "laying"),
    "hit": ("hits", "hit", "hit", "hitting"),
    "shoot": ("shoots", "shot", "shot", "shooting"),
    "make": ("makes", "made", "made", "making"),
    "put": ("puts", "put", "put", "putting"),
    "sing": ("sings", "sang", "sung", "singing"),
    "bite": ("bites", "bit", "bitten", "biting"),
    "hold": ("holds", "held", "held", "holding"),
    "mean": ("means", "meant", "meant", "meaning"),
    "dream": ("dreams", "dreamed", "dreamt", "dreaming"),
    "learn": ("learns", "learned", "learnt", "learning"),
    "spell": ("spells", "spelled", "spelt", "spelling"),
    "lie": ("lies", "lied", "lied", "lying"),
    "bet": ("bets", "bet", "bet", "betting"),
    "see": ("sees", "saw", "seen", "seeing"),
    "brush": ("brushes", "brushed", "brushed", "brushing"),
    "take": ("takes", "took", "taken", "taking"),
    "e-mail": ("e-mails", "e-mailed", "e-mailed", "e-mailing"),
}
# extra past forms (British / alternative spellings) added besides the regular ones
EXTRA_FORMS = {
    "learn": ["learnt"], "dream": ["dreamt"], "spell": ["spelt"],
}
# final consonant doubled before -ed/-ing
DOUBLING = {
    "admit", "quip", "refer", "prefer", "rebut", "chat", "plan", "jab", "nag", "commit",
    "omit", "regret", "blab", "snap", "sob", "stir", "spar", "jot", "beg", "hit", "put",
    "shrug", "confer", "aver", "abet", "allot", "infer", "deter", "emit", "transmit", "submit",
    "spit", "rap", "blog", "slam", "dub", "extol", "concur", "fret", "rip", "whip", "scrap", "pen",
}
# British doubled-l spellings added besides the US ones (counselled, labelled, signalled)
for _l in ("counsel", "label", "signal", "model", "cancel", "marvel", "quarrel", "travel"):
    EXTRA_FORMS.setdefault(_l, []).extend([_l + "led", _l + "ling"])


def inflect(lemma):
    """Return the ordered list of forms of a (possibly multiword) verb lemma."""
    parts = lemma.split(" ")
    head, rest = parts[0], parts[1:]
    if head in IRREGULAR:
        s3, past, pp, ing = IRREGULAR[head]
    else:
        s3 = (head + "es" if re.search(r"(s|x|z|ch|sh|[^aeiou]o)$", head)
              else head[:-1] + "ies" if re.search(r"[^aeiou]y$", head)
              else head + "s")
        if head.endswith("e"):
            past = head + "d"
        elif re.search(r"[^aeiou]y$", head):
            past = head[:-1] + "ied"
        elif head in DOUBLING:
            past = head + head[-1] + "ed"
        else:
            past = head + "ed"
        pp = past
        if head.endswith("ie"):
            ing = head[:-2] + "ying"
        elif head.endswith("e") and not re.search(r"(ee|ye|oe)$", head):
            ing = head[:-1] + "ing"
        elif head in DOUBLING:
            ing = head + head[-1] + "ing"
        else:
            ing = head + "ing"
    heads = [head, s3, past, pp, ing] + EXTRA_FORMS.get(head, [])
    out = []
    for h in heads:
        f = " ".join([h] + rest)
        if f not in out:
            out.append(f)
    return out


def pluralise(noun):
    parts = noun.split(" ")
    h = parts[-1]
    if h in ("words", "remarks", "views", "comments", "thoughts", "news"):
        return [noun]
    if re.search(r"(s|x|z|ch|sh)$", h):
        p = h + "es"
    elif re.search(r"[^aeiou]y$", h):
        p = h[:-1] + "ies"
    elif h.endswith("man"):
        p = h[:-3] + "men"
    elif h.endswith("person"):
        p = h[:-6] + "people"
    else:
        p = h + "s"
    return [noun, " ".join(parts[:-1] + [p])]


# ---------------------------------------------------------------------------
# HAND-CURATED: cue lemmas by class
# ---------------------------------------------------------------------------
SPEECH = """
say tell add ask claim insist argue warn note explain write tweet retweet post blog text email e-mail
announce reply respond grumble sigh complain admit acknowledge concede declare state deny suggest predict
promise vow urge recall testify confirm joke quip shout whisper mutter mumble murmur boast caution stress
emphasize emphasise point_out continue conclude observe remark report reveal describe call comment mention
repeat reiterate restate echo assert allege contend maintain charge accuse criticize criticise blast slam
attack assail lambaste castigate rebuke chide scold berate admonish praise hail laud commend applaud tout
condemn denounce decry deplore lament bemoan mock ridicule deride scoff sneer tease taunt jeer heckle protest
object counter retort rebut refute dispute contest challenge question query inquire enquire answer inform
notify brief assure reassure remind recount relate narrate characterize characterise portray dub label brand
term cite quote proclaim pronounce pledge guarantee threaten demand plead beg implore appeal exhort
encourage request propose recommend advise counsel disclose divulge confess apologize apologise thank
congratulate welcome brag gloat crow snap snarl bark growl hiss yell scream cry exclaim holler bellow roar
thunder chant sing groan moan whine wail sob laugh chuckle gush enthuse rave rant rail fume vent blurt
stammer stutter drawl muse opine posit theorize theorise speculate reason reflect clarify elaborate
specify detail outline lay_out spell_out summarize summarise paraphrase affirm reaffirm aver attest vouch
concur agree disagree dismiss reject brush_off shrug_off defend blame hint imply insinuate signal voice
express highlight underscore underline speak speak_out talk utter interject interrupt chime_in weigh_in
go_on fire_back hit_back shoot_back write_back lash_out call_for call_on point_to order instruct command
announce confide gripe swear testify proclaim make_it_clear put_it warn_against bemoan concede
acknowledge confirm pontificate preach lecture editorialize editorialise decree
liken reference allude eviscerate critique articulate react make_clear make_the_point take_issue
single_out profess jibe intone recite pen relay
talk_about talk_of speak_about speak_of write_about complain_about rail_against warn_of joke_about
ask_about vouch_for apologize_for argue_against caution_against comment_on muse_about speculate_about
tweet_about boast_about brag_about
"""
# The verb + preposition lemmas of the last three lines were mined from PolNeAR dev cue annotations
# (cue strings ending in a speech verb and a preposition: "talked about" 49 attributions, "spoke of",
# "railed against" …): the verb alone takes no clause ("talked", "spoke"), with the preposition
# it reports what was said about something.
THOUGHT = """
believe think feel hope fear expect know worry want wish doubt suspect suppose assume presume reckon
figure guess imagine consider realize realise recognize recognise understand learn discover sense
anticipate foresee envision envisage hypothesize hypothesise intend remember forget fret regret prefer
deem wonder ponder dream trust bet mean surmise
"""
EVIDENCE = """
show find indicate estimate demonstrate prove document forecast calculate determine read
"""
NOUNS = """
statement claim remark remarks comment comments assertion announcement allegation warning accusation
argument criticism complaint concern admission acknowledgement acknowledgment denial declaration pledge
promise vow prediction suggestion insistence assurance testimony explanation response reply tweet post
interview speech op-ed editorial memo report press_release message email e-mail words view views opinion
belief fear hope expectation estimate finding conclusion advice recommendation proposal demand request
appeal plea threat boast joke quip retort rebuttal contention sentiment assessment analysis projection
observation confession apology charge insinuation contention vow claim argument account version
"""
PREPS = """
according_to as_quoted_by quoted_by as_reported_by reported_by as_told_to in_the_words_of as_cited_by
cited_by in_the_view_of in_the_opinion_of
"""

# Cue strings seen in PolNeAR that are NOT reporting/cognition words (kept out on purpose).
# Used only to silence the coverage report; the list documents curation decisions.
CUE_NOISE = set("""
in for : ― , . of to on by about under has have had is are was were be been will would can could might may
also not did does do now just then still even only again further already reportedly seemingly
seem seems seemed appear appears appeared look looks sound sounded sounds expected want wants wanted
support supports supported supporting backing backed backs endorse endorsed opposed oppose opposes opposition
plan plans planned seeking seek seeks sought decided decision declined refused refuse offered offering offers
signed passed voted named nominated known included includes allowed allows gave made cast put released
published watched learned exposed ordered requires listed lists view sees see referring refers referred
criticism supporter supporters questions complaints concerns advice endorses endorsing likely eager willing
critical wary confident adamant aware acutely scared surprised convinced persuaded angered devoted
introduced invited attributed projected rated titled dubbed identified focused focus focuses linked
compared listed hired elected appointed scheduled provided delivered raised issued unleashed went after
after against sent embraced covered judge drops pushed push pressed needed required began look looking
at like seen as seemingly decide cheer when interpreted viewed can might increasingly glad am opened up
took issue with come scrutiny debate point points pointing pointed discuss discussed discussing favor
ruled
""".split())


def lemmas(block):
    out = []
    for w in block.split():
        w = w.replace("_", " ")
        if w not in out:
            out.append(w)
    return out


# ---------------------------------------------------------------------------
# HAND-CURATED: titles, roles, org words, outlets, given names, pronouns
# ---------------------------------------------------------------------------
HONORIFICS = "mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady prof prof. professor rev rev. reverend mx mx. madam madame mme mme. monsieur herr frau fr. father sister brother rabbi imam sheikh".split()
TITLES = """
senator sen sen. gov gov. governor president commissioner councillor councilman councilwoman councilmember
rep rep. representative congressman congresswoman congressmember del. delegate gen gen. general mayor judge
justice secretary minister prime_minister chancellor chairman chairwoman chair chief ceo cfo director
spokesman spokeswoman spokesperson board_chair vice_president former presidential_candidate candidate
nominee presidential_nominee ambassador attorney attorney_general attorney-general lt. lt lieutenant
lt._gov. lieutenant_governor col. col colonel maj. maj major capt. capt captain sgt. sgt sergeant adm. adm
admiral cmdr. commander supt. superintendent insp. inspector det. detective officer sheriff pope king queen
prince princess emperor sheikh ayatollah speaker house_speaker majority_leader minority_leader leader
senate_majority_leader whip treasurer comptroller assemblyman assemblywoman assemblymember state_senator
state_rep. state_representative deputy chief_executive chief_of_staff press_secretary campaign_manager
manager host co-host anchor moderator reporter correspondent columnist editor commentator pundit analyst
economist strategist pollster adviser advisor aide lawyer barrister solicitor counsel front-runner
frontrunner rival challenger incumbent hopeful contender president-elect vice_president-elect
first_lady chief_justice associate_justice sec. premier taoiseach chairperson founder co-founder
foreign_minister finance_minister defense_minister defence_minister interior_minister health_minister
foreign_secretary home_secretary defense_secretary defence_secretary health_secretary treasury_secretary
secretary_of_state secretary-general secretary_general deputy_prime_minister deputy_minister
vice_chairman vice_chair chief_operating_officer chief_financial_officer chief_of_police police_chief
""".split()
ROLES_M = "spokesman chairman congressman councilman assemblyman businessman committeeman anchorman frontman cameraman".split()
ROLES_F = "spokeswoman chairwoman congresswoman councilwoman assemblywoman businesswoman committeewoman anchorwoman actress".split()
ROLES_ANON = """official source insider aide staffer person observer people_familiar insider witness
    person_familiar person_familiar_with_the_matter people_familiar_with_the_matter person_close source_close
    person_briefed people_briefed""".split()
ROLES = """
spokesperson representative official source aide staffer adviser advisor analyst economist chief_economist
boss protester demonstrator
director chair chairperson president vice_president chief_executive ceo cfo coo minister secretary
lawyer attorney counsel professor doctor physician paediatrician pediatrician surgeon neurosurgeon nurse
researcher scientist expert officer manager head founder co-founder member leader campaign_manager
strategist pollster candidate nominee senator governor mayor judge justice prosecutor sheriff commissioner
congressmember councillor councilmember delegate lawmaker legislator politician diplomat ambassador envoy
negotiator consultant lobbyist activist organizer organiser advocate campaigner volunteer supporter
backer donor critic opponent ally confidant friend colleague partner fellow scholar historian
demographer academic lecturer teacher student dean principal editor reporter journalist columnist
correspondent commentator pundit host co-host anchor moderator blogger writer author publisher
operative surrogate endorser executive administrator regulator inspector investigator detective
agent officer police_officer soldier veteran general admiral owner employee worker engineer resident
voter citizen parent mother father witness victim chief deputy treasurer comptroller auditor
economist banker trader investor broker entrepreneur billionaire philanthropist actor comedian
singer musician athlete coach player insider observer person people_familiar_with_the_matter
speaker whip front-runner frontrunner rival challenger incumbent hopeful contender running_mate
""".split()
ORG_WORDS = {
    "org": """bank lab labs laboratory laboratories police centre center agency authority council association
        trust club company co co. corp corp. corporation inc inc. ltd ltd. llc llp plc group party committee
        foundation institute institution university college school academy hospital clinic commission board
        service services bureau union federation fund campaign coalition alliance society league network
        partners partnership industries holdings enterprises systems technologies international organisation
        organization organizations caucus pac super_pac project initiative forum church council firm
        bancorp airlines airways motors pharmaceuticals media studios institute unit software solutions
        foods stores energy networks capital ferries logistics telecom insurance chamber
        transit transport transportation rail railway railways airport utilities freight shipping
        aviation water electric ventures investments properties consulting
        analytics securities financial mutual cooperative""",
    "gov": """department ministry office administration government house white_house senate congress
        parliament assembly legislature court tribunal cabinet secretariat commission treasury pentagon
        kremlin embassy consulate army navy force forces guard command state_department""",
    "outlet": """times post journal news press tribune herald guardian telegraph network gazette chronicle
        examiner observer independent mirror sun star daily weekly magazine review report reporter
        dispatch courier bulletin record register sentinel inquirer enquirer express mail standard
        globe monitor radio tv television broadcasting channel wire""",
}
OUTLETS = {
    "agency": """Associated Press|AP|Reuters|Agence France-Presse|AFP|Bloomberg|Bloomberg News|Dow Jones|
        United Press International|UPI|Deutsche Presse-Agentur|dpa|ANSA|EFE|Kyodo|Kyodo News|Xinhua|
        TASS|RIA Novosti|Interfax|Yonhap|Press Association|PA Media|Anadolu Agency|Canadian Press|
        Australian Associated Press|AAP|Jiji Press|Press Trust of India|PTI|Agenzia Nova|Sputnik|
        Reuters News|Bernama|Antara|Notimex|Europa Press|ANP|Belga|APA|SDA|NTB|TT|Ritzau|STT|
        Kyodo News Agency|Associated Press Television News|APTN""",
    "outlet": """BBC|BBC News|CNN|MSNBC|Fox News|Fox|Fox Business|CNBC|ABC|ABC News|CBS|CBS News|NBC|NBC News|
        PBS|NPR|C-SPAN|Univision|Telemundo|Bloomberg Television|Sky News|ITV|ITV News|Channel 4 News|
        Al Jazeera|RT|France 24|Deutsche Welle|DW|Euronews|CBC|CTV|Global News|ABC Australia|
        The New York Times|New York Times|Times|The Times|Washington Post|The Washington Post|
        Wall Street Journal|The Wall Street Journal|WSJ|USA Today|Los Angeles Times|LA Times|
        Chicago Tribune|Boston Globe|The Boston Globe|San Francisco Chronicle|Houston Chronicle|
        Dallas Morning News|Miami Herald|Philadelphia Inquirer|Denver Post|Seattle Times|
        Des Moines Register|The Des Moines Register|Tampa Bay Times|Arizona Republic|Detroit Free Press|
        Newsday|New York Post|New York Daily News|Daily News|Star Tribune|Atlanta Journal-Constitution|
        Baltimore Sun|Orlando Sentinel|Sacramento Bee|Las Vegas Review-Journal|The Oregonian|
        Politico|The Hill|Roll Call|Axios|Vox|HuffPost|Huffington Post|The Huffington Post|
        BuzzFeed|BuzzFeed News|Breitbart|Breitbart News|The Daily Caller|Daily Caller|Daily Beast|
        The Daily Beast|Slate|Salon|Mother Jones|The Nation|National Review|The Atlantic|
        The New Yorker|New Yorker|Time magazine|Newsweek|The Economist|Forbes|Fortune|
        Business Insider|The Intercept|ProPublica|Vice|Vice News|Mediaite|Talking Points Memo|
        TheBlaze|The Blaze|Washington Examiner|Washington Times|The Washington Times|The Weekly Standard|
        Weekly Standard|The Federalist|Newsmax|One America News|OAN|Drudge Report|InfoWars|
        RealClearPolitics|FiveThirtyEight|The Guardian|Guardian|The Observer|The Independent|
        |Daily Telegraph|The Telegraph|Telegraph|Financial Times|FT|Daily Mail|Mail on Sunday|
        The Sun|Daily Mirror|Evening Standard|The Scotsman|The Herald|Irish Times|
        The Irish Times|Der Spiegel|Spiegel|Die Zeit|Frankfurter Allgemeine Zeitung|FAZ|
        Süddeutsche Zeitung|Bild|Die Welt|Le Monde|Le Figaro|Libération|El País|El Mundo|
        La Repubblica|Corriere della Sera|NRC Handelsblad|Haaretz|Jerusalem Post|Times of Israel|
        Asahi Shimbun|Yomiuri Shimbun|South China Morning Post|Straits Times|Times of India|
        Hindustan Times|Sydney Morning Herald|The Australian|Globe and Mail|Toronto Star|
        National Post|Yahoo News|Yahoo|Google News|CNN Money|MarketWatch|The Associated Press|
        Christian Science Monitor|Los Angeles Daily News|Wired|The Verge|TechCrunch|Rolling Stone|
        Variety|The Hollywood Reporter|Hollywood Reporter|Entertainment Weekly|TMZ|
        The Financial Times|MailOnline|Mail Online|The Daily Mail|The Mail on Sunday|Daily Express|
        The Daily Express|Sunday Express|Sunday Times|The Sunday Times|Sunday Telegraph|The Sunday Telegraph|
        The Daily Telegraph|The Guardian US|The Mirror|The Daily Mirror|Sunday Mirror|Daily Star|
        The Evening Standard|London Evening Standard|Metro|City A.M.|The i|i newspaper|Sky|Channel 4|
        Channel 5|BBC Radio 4|Radio 4|BBC World Service|The Press Association|The Spectator|New Statesman|
        Private Eye|The Sun on Sunday|The Herald Scotland|The National|Belfast Telegraph|Irish Independent|
        RTE|RTÉ|Politico Europe|Euractiv|Handelsblatt|Nikkei|Nikkei Asia|Caixin|Al Arabiya|The Hindu|
        The Wall Street Journal Europe|The Washington Free Beacon|Washington Free Beacon|The Daily Signal|
        Daily Kos|Raw Story|ThinkProgress|Think Progress|The American Prospect|The Root|Free Beacon|
        Fox News Channel|Fox News Sunday|Face the Nation|Meet the Press|This Week|State of the Union|
        Good Morning America|Today show|NBC's Today|Morning Joe|Hardball|Anderson Cooper 360|
        60 Minutes|NewsHour|PBS NewsHour|All Things Considered|Morning Edition|Squawk Box|
        The Kelly File|Hannity|The O'Reilly Factor|Fox & Friends|Radio Free Europe|Voice of America|VOA|
        KCRA|WMUR|WHO-TV|KCCI|The Gazette|Quad-City Times|The State|The Post and Courier|
        Post and Courier|The Charlotte Observer|Charlotte Observer|Tampa Bay Times|Orlando Sentinel|
        Palm Beach Post|Sun Sentinel|Miami Herald|El Nuevo Herald|Las Vegas Sun|Reno Gazette-Journal|
        Concord Monitor|Union Leader|New Hampshire Union Leader|The Boston Herald|Boston Herald|
        Milwaukee Journal Sentinel|Columbus Dispatch|Cleveland Plain Dealer|The Plain Dealer|
        Pittsburgh Post-Gazette|Richmond Times-Dispatch|The Virginian-Pilot|The Tennessean|
        Meet the Press|Face the Nation|Fox News Sunday|State of the Union|60 Minutes|
        Good Morning America|The Today Show|Morning Joe|Hardball|Hannity|The O'Reilly Factor|
        The Kelly File|Anderson Cooper 360|The Situation Room|Meet the Press Daily|
        The Tonight Show|Late Show|Saturday Night Live|SNL|Fusion|Gawker|Mashable|Quartz|
        The American Conservative|The American Prospect|The New Republic|New Republic|
        Al-Monitor|Al Arabiya|The Local|Sputnik News|WikiLeaks|Associated Press-GfK""",
}
# given names with gender (m|f|-); common English/US given names (facts)
NAMES_M = """James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey
Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander
Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan
Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse
Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph
Eugene Russell Bobby Mason Philip Louis Harry Bill Bob Jim Tom Mike Dave Dan Steve Tim Ted Jeb Rand Marco
Bernie Barack Mitt Newt Rick Chris Ben Jon Ron Don Ken Jeff Greg Doug Rudy Reince Mitch Lindsey Orrin Harry
Chuck Rahm Joaquin Julian Tim Corey Paul Sean Reince Stephen Jared Eric Lou Hugh Ian Neil Nigel
Boris David Sigmar Emmanuel Vladimir Xi Recep Benjamin Bashar Kim Shinzo Justin Malcolm Enrique Hassan
Ali Mohammed Muhammad Ahmed Omar Abdullah Carlos Luis Miguel Jorge Pedro Antonio Manuel Francisco Javier
Ricardo Fernando Alejandro Rafael Sergio Eduardo Roberto Diego Andres Pablo Mario Hector Raul Ruben Victor
Martin Marc Max Leo Oscar Hugo Felix Fred Frederick Howard Herbert Stanley Leonard Lee Glenn Craig Dale
Todd Chad Brett Brent Troy Derek Curtis Travis Shane Marcus Trevor Grant Wesley Calvin Leon Lloyd
Floyd Clarence Earl Ernest Francis Stuart Hank Allen Alex Andy Tony Matt Nick Sam Rob Joel Seth Evan Luke
Owen Connor Caleb Isaac Levi Liam Lucas Hunter Cody Kurt Brad Mitchell Newton Rex Reid Rod Ross Russ
Vince Wade Warren Willard Wilbur Elliot Elliott Everett Franklin Gordon Jay Jimmy Johnny Kirk Lance Lyndon
Mario Mel Milton Morris Neal Norman Orlando Perry Phil Preston Ray Reggie Rich Ricky Rodney Roland Rudolph
Sidney Terrence Theodore Tommy Tyrone Vernon Wallace Wendell Wilson""".split()
NAMES_F = """Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret
Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon
Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine
Debra Rachel Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria Olivia Kelly
Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa
Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle
Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Hillary Hilary Nikki
Carly Sarah Ivanka Melania Michelle Elizabeth Nancy Debbie Huma Kellyanne Hope Jill Chelsea Condoleezza
Madeleine Dianne Kirsten Tammy Claire Amy Kamala Maxine Barbara Loretta Janet Sheila Susana Jeanne Jane
Joni Kelly Shelley Marsha Martha Mazie Elise Cathy Ileana Marcia Gwen Tulsi Dana Katie Kate Kathy Megyn
Rachel Maggie Andrea Erin Greta Mika Norah Gayle Diane Robin Savannah Lesley Candy Judy Wendy Gretchen
Abby Ana Alicia Anne Annie Beth Bonnie Caroline Carrie Cindy Connie Crystal Dawn Eileen Elaine Ellen Erica
Esther Eva Gail Holly Irene Jan Jenna Jenny Jo Joanne Josephine Joy Karla Katrina Lena Leslie Lillian Lois
Lori Lucy Lynn Marcy Margo Marian Marion Melanie Mia Molly Monica Nina Nora Paula Peggy Penny Rita Roberta
Rosa Rosemary Sally Sandy Shannon Sherry Sonia Stacy Sue Suzanne Sylvia Tina Tracey Valerie Vanessa Vera
Veronica Vicky Yvonne Zoe Angelina Hailey Haley Nikki Theresa Angela Federica""".split()
NAMES_X = """Leslie Robin Jordan Taylor Alex Sam Chris Pat Kelly Dana Jamie Casey Morgan Jessie Jean Lee Tracy
Lynn Marion Terry Kim Shannon""".split()
# capitalised words that are not given names (never listed even if mined)
NOT_NAMES = set("""
New North South East West San Los Las Saint St. Santa United White Supreme National Democratic Republican
Federal American Americans British European Senate House Congress Congressional State States Former Fox
Sen. Gov. Rep. President Mr. Mrs. Ms. Dr. The A An His Her Their Its Our This That These Those Some Many
Most Other Another One Two Three Both All Several Top Senior Chief Vice General Gen. Attorney Secretary
Speaker Judge Justice Mayor Governor Senator Spokesman Spokeswoman Democrat Democrats Republicans GOP Iowa
Texas Florida Ohio Ohioans Will May June April August March Jan Sunday Monday Tuesday Wednesday Thursday
Friday Saturday Black Green Brown Young Long Little Grand Great Big Good Royal Prime Islamic Muslim Christian
Jewish Catholic Russian Chinese Mexican German French Israeli Iranian Syrian Indian Washington Virginia
Georgia Carolina Jersey York Dakota Hampshire Trump Clinton Obama Bush Sanders Cruz Rubio Kasich Carson
Hill Post Times News Daily Journal Press Wall Street Sun Star Mail Globe Capitol Court Party Campaign
Committee Council Center Centre Institute University College Department Office Ministry Union Bank Group
Fund Foundation Agency Police Army Navy Air Force Marine Marines Homeland Security Intelligence Justice
Liberty Freedom Tea Occupy Black Lives Matter Super PAC Sunday Morning Tonight Today Meet Face Good
America Associated Bellwether Celebrities Eurosceptic Exxon Huffington Wikileaks WikiLeaks Latino Cuban
Philippine Puerto Chicago Dallas Geneva Burlington Windsor Carmel Bay Le De La Van Von We Actress Filmmaker
Beige Sunshine Renewable Suu Drobnic Elez Joh Alabama Alaska Arizona Arkansas California Colorado
Connecticut Delaware Hawaii Idaho Illinois Indiana Kansas Kentucky Louisiana Maine Maryland Massachusetts
Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Oklahoma Oregon Pennsylvania Rhode
Tennessee Utah Vermont Wisconsin Wyoming Boston Denver Miami Atlanta Detroit Seattle Brussels London Paris
Berlin Moscow Beijing Europe Africa Asia China Russia Mexico Canada Britain Germany France Israel Iran Syria
Western Eastern Southern Northern Human Labor Conservative Liberal Progressive Foreign Judicial Popular
Mainstream Retired Secret World Zero Purple Newly Business Dog Gay Wash Win Wasserman Brennan
Issawi Beck Vice 
""".split())
PRONOUNS = [
    # form, gender, kind
    ("i", "-", "subject"), ("me", "-", "object"), ("my", "-", "possessive"), ("mine", "-", "possessive"),
    ("myself", "-", "object"),
    ("you", "-", "subject"), ("you", "-", "object"), ("your", "-", "possessive"), ("yours", "-", "possessive"),
    ("yourself", "-", "object"), ("yourselves", "p", "object"),
    ("he", "m", "subject"), ("him", "m", "object"), ("his", "m", "possessive"), ("himself", "m", "object"),
    ("she", "f", "subject"), ("her", "f", "object"), ("her", "f", "possessive"), ("hers", "f", "possessive"),
    ("herself", "f", "object"),
    ("it", "n", "subject"), ("it", "n", "object"), ("its", "n", "possessive"), ("itself", "n", "object"),
    ("we", "p", "subject"), ("us", "p", "object"), ("our", "p", "possessive"), ("ours", "p", "possessive"),
    ("ourselves", "p", "object"),
    ("they", "p", "subject"), ("them", "p", "object"), ("their", "p", "possessive"),
    ("theirs", "p", "possessive"), ("themselves", "p", "object"), ("themself", "-", "object"),
    ("who", "-", "relative"), ("whom", "-", "relative"), ("whose", "-", "relative"),
    ("which", "n", "relative"), ("that", "-", "relative"),
]
# PolNeAR speaker strings use "-" for I/you (speaker gender unknown); they for singular they is "p".


# ---------------------------------------------------------------------------
# mining
# ---------------------------------------------------------------------------
TOK = re.compile(r"[a-z0-9]+(?:['’\-][a-z0-9]+)*")


def load(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                docs.append(json.loads(line))
    return docs


def attributions(docs):
    """One record per annotated attribution (fragments sharing x_group are merged)."""
    seen = {}
    for d in docs:
        for i, q in enumerate(d.get("quotes", [])):
            key = (d["id"], q.get("x_group") or i)
            if key not in seen:
                seen[key] = q
    return list(seen.values())


def cue_counts(atts, forms):
    """count[form] = number of attributions whose cue contains form as a whole-word sequence."""
    counts = collections.Counter()
    multi = [f for f in forms if " " in f]
    for q in atts:
        cue = (q.get("cue") or "").lower()
        toks = TOK.findall(cue)
        joined = " " + " ".join(toks) + " "
        present = set(toks)
        for f in multi:
            if " " + f + " " in joined:
                present.add(f)
        for f in present:
            counts[f] += 1
    return counts


def coverage_report(atts, known_forms, mincount):
    """Curation aid: print cue strings (count >= mincount) that contain no lexicon form and are not
    listed as known noise, so new reporting words in the data can be reviewed by hand."""
    c = collections.Counter()
    for q in atts:
        toks = TOK.findall((q.get("cue") or "").lower())
        joined = " " + " ".join(toks) + " "
        if any(t in known_forms for t in toks) or any(" " + f + " " in joined for f in known_forms if " " in f):
            continue
        rest = [t for t in toks if t not in CUE_NOISE]
        if rest:
            c[" ".join(toks)] += 1
    missing = [(t, n) for t, n in c.most_common() if n >= mincount]
    if missing:
        print("cues without a lexicon form (count>=%d; review by hand): %s"
              % (mincount, "; ".join("%s:%d" % m for m in missing)), file=sys.stderr)


CAPTOK = r"(?:[A-Z][a-zA-Z’'\-]+|[A-Z]\.)"


def mine_speakers(atts):
    """Return (title_counter, role_counter, firstname_counter, outlet_speakers)."""
    titles, roles, firsts, spk = (collections.Counter() for _ in range(4))
    name_re = re.compile(r"^(?P<pre>(?:[A-Za-z.\-]+ ){1,3})(?P<name>[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-zA-Z’'\-]+)\W*$")
    app_re = re.compile(r", (?:a|an|the|his|her|its|their|[A-Z]\w+’s|[A-Z]\w+'s) ([^,]*?)"
                        r"(?: (?:of|for|at|in|with|to|on|from|who|and)\b.*)?,?$")
    person_re = re.compile(r"^(?P<first>[A-Z][a-z]+) (?:[A-Z]\. )?(?:[A-Z][a-z]+ )?[A-Z][a-zA-Z’'\-]+(?: (?:Jr\.|Sr\.|III|II))?$")
    for q in atts:
        s = (q.get("speaker") or "").strip().strip(",")
        if not s or "\u00c3" in s:  # skip strings with mojibake
            continue
        spk[s] += 1
        m = name_re.match(s)
        if m:
            titles[m.group("pre").split()[-1].lower()] += 1
        m = app_re.search(s)
        if m and m.group(1):
            roles[m.group(1).split()[-1].lower()] += 1
        # person: strip leading lower-case / title tokens, then "First [M.] Last"
        core = s.split(",")[0].strip()
        toks = core.split()
        while toks and (toks[0].lower() in TITLE_SET or toks[0].lower() in HON_SET or toks[0][0].islower()
                        or toks[0].endswith(("’s", "'s"))):
            toks = toks[1:]
        core = " ".join(toks)
        m = person_re.match(core)
        if m and len(toks) >= 2:
            firsts[m.group("first")] += 1
    return titles, roles, firsts, spk


TITLE_SET = set(t.replace("_", " ") for t in TITLES)
HON_SET = set(HONORIFICS)

# documents cited as sources: "according to a report by ...", "the survey found" (head nouns)
DOCUMENTS = """report study survey poll analysis audit review memo memorandum letter email e-mail document
filing lawsuit complaint indictment ruling transcript dossier white_paper briefing_note assessment
investigation inquiry inspection estimate forecast projection census affidavit deposition record records
minutes manifesto cable""".split()

# mined title/role candidates that are not titles/roles (curation decisions)
TITLE_NOISE = set("""the new of and for republican democratic black tax national a an south north american
hot wall in hampshire broader employment international texas-based congressional morning ok dallas grand
his her their los york to from by among like named transitions newly state u.s. news nations cautious
korean-born n a. church board""".split())
ROLE_NOISE = set("""republican democrat company firm 2014 2 advise close active majority organization agency pac
conservative liberal those year ago beat based involved eliminated raised founded working supportive
respectively data excerpts performances appearance website outfit division program bank chamber union
brotherhood group clinton yanukovych enquirer charities native daughter prisoner adoptee outlier""".split())


def header(what, fields, source):
    return ["# quotegraph lexicon: " + what, FORMAT, "# fields: " + fields, "# source: " + source, LICENCE]


def write(path, head, rows):
    for r in rows:
        assert all(isinstance(x, str) and x and "\t" not in x and "\n" not in x for x in r), r
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("%s: %d entries" % (path, len(rows)), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data/polnear/dev.jsonl")
    ap.add_argument("--out", default="models/en")
    ap.add_argument("--min-mined", type=int, default=2, help="min count for mined titles/roles")
    ap.add_argument("--report", type=int, default=4, help="report uncovered cue tokens with at least this count")
    args = ap.parse_args()

    atts = []
    if args.data and os.path.exists(args.data):
        atts = attributions(load(args.data))
    else:
        print("warning: %s not found; writing hand lists with zero counts" % args.data, file=sys.stderr)
    os.makedirs(args.out, exist_ok=True)

    # ---- cues
    entries = []  # (class, form, lemma)
    for cls, block in (("speech", SPEECH), ("thought", THOUGHT), ("evidence", EVIDENCE)):
        for lem in lemmas(block):
            for f in inflect(lem):
                entries.append((cls, f, lem))
    for lem in lemmas(NOUNS):
        for f in pluralise(lem):
            entries.append(("noun", f, lem))
    for lem in lemmas(PREPS):
        entries.append(("prep", lem, lem))
    # a form keeps the first class it was given among verb classes (speech > thought > evidence);
    # noun and prep lines are kept even when the same string is also a verb form.
    seen, uniq = {}, []
    for cls, f, lem in entries:
        key = (f, cls if cls in ("noun", "prep") else "verb")
        if key in seen:
            continue
        seen[key] = cls
        uniq.append((cls, f, lem))
    forms = set(f for _, f, _ in uniq)
    counts = cue_counts(atts, forms) if atts else collections.Counter()
    if atts:
        coverage_report(atts, forms, args.report)
    order = {"speech": 0, "thought": 1, "evidence": 2, "noun": 3, "prep": 4}
    uniq.sort(key=lambda e: (order[e[0]], e[1]))
    write(os.path.join(args.out, "cues.tsv"),
          header("reporting and cognition cue words (every inflected form)", "form, lemma, class, count",
                 "hand list of English reporting, cognition and evidential verbs, reporting nouns and "
                 "prepositional cues (scripts/mine-lexicons.py), checked against and counted on cue words "
                 "annotated in " + PN_CITE + "; count = PolNeAR dev attributions whose cue contains the form; "
                 "verb + preposition cues (talk about, speak of, rail against, vouch for ...) mined from the "
                 "same cue annotations"),
          [(f, lem, cls, str(counts.get(f, 0))) for cls, f, lem in uniq])

    titles_m, roles_m, firsts_m, spk = mine_speakers(atts) if atts else (collections.Counter(),) * 4
    # how often each word occurs in lower case in the article texts (to reject common words as names)
    lower_freq = collections.Counter()
    for d in (load(args.data) if atts else []):
        lower_freq.update(w for w in re.findall(r"\b[a-z][a-z\-]+\b", d.get("text", "")))

    # ---- titles
    rows = {}
    for h in HONORIFICS:
        rows[h] = "honorific"
    for t in TITLES:
        t = t.replace("_", " ")
        rows.setdefault(t, "title")
    mined_t = [t for t, n in titles_m.items() if n >= args.min_mined and t not in TITLE_NOISE
               and re.fullmatch(r"[a-z][a-z.\-]*", t) and t.capitalize() not in NAMES_M + NAMES_F]
    for t in mined_t:
        rows.setdefault(t, "title")
    # abbreviations: keep both "sen." and "sen"
    for t in list(rows):
        if t.endswith(".") and " " not in t and t.count(".") == 1:
            rows.setdefault(t[:-1], rows[t])
    write(os.path.join(args.out, "titles.tsv"),
          header("honorifics and titles that precede a person's name (not part of the name)", "form, kind (honorific|title)",
                 "hand list (facts); plus lower-cased words preceding capitalised names in speaker strings of "
                 + PN_CITE + " seen at least %d times, filtered by scripts/mine-lexicons.py" % args.min_mined),
          sorted(((f, k) for f, k in rows.items()), key=lambda r: (r[1], r[0])))

    # ---- roles
    rrows = {}

    def addrole(form, gender, anon):
        for f in pluralise(form):
            rrows.setdefault(f, (gender, anon))
    for r in ROLES_M:
        addrole(r, "m", "no")
    for r in ROLES_F:
        addrole(r, "f", "no")
    for r in ROLES_ANON:
        addrole(r.replace("_", " "), "-", "yes")
    for r in ROLES:
        addrole(r.replace("_", " "), "-", "no")
    for r, n in roles_m.items():
        if n >= args.min_mined and r not in ROLE_NOISE and re.fullmatch(r"[a-z][a-z\-]+", r):
            addrole(r, "m" if r.endswith("man") else "f" if r.endswith("woman") else "-", "no")
    for t in TITLE_SET:  # mined pre-name words that are role nouns
        pass
    write(os.path.join(args.out, "roles.tsv"),
          header("role nouns: nameless speakers and appositive heads", "form, gender (m|f|-), anonymous (yes|no)",
                 "hand list (facts); plus appositive head nouns of speaker strings (\"X, a <role> of Y\") in "
                 + PN_CITE + " seen at least %d times, filtered by scripts/mine-lexicons.py" % args.min_mined),
          sorted((f, g, a) for f, (g, a) in rrows.items()))

    # ---- org words
    orows = {}
    for kind in ("gov", "outlet", "org"):
        for w in ORG_WORDS[kind].split():
            orows.setdefault(w.replace("_", " "), kind)
    write(os.path.join(args.out, "org_words.tsv"),
          header("head words that mark an organisation name when capitalised", "form, kind (org|outlet|gov)",
                 "hand list (facts), scripts/mine-lexicons.py; company-name endings of transport, utilities and finance (transit, rail, water, securities ...) added by hand (facts)"),
          sorted(((f, k) for f, k in orows.items()), key=lambda r: (r[1], r[0])))

    # ---- outlets
    out_rows = {}
    for kind in ("agency", "outlet"):
        for n in OUTLETS[kind].split("|"):
            n = " ".join(n.split())
            if n:
                out_rows.setdefault(n, kind)
    # outlets seen as speakers: strings that end in an outlet word (e.g. "The Des Moines Register")
    outlet_heads = set(w.capitalize() for w in ORG_WORDS["outlet"].split()) - {"Network", "Report", "Reporter", "Record", "Standard", "Review", "Observer", "Independent", "Daily", "Weekly"}
    for s, n in spk.items():
        s2 = s.strip(" ,")
        if re.fullmatch(r"(?:The )?(?:[A-Z][A-Za-z\-]+ ){1,3}(?:" + "|".join(sorted(outlet_heads)) + ")", s2) \
                and not any(w in s2.split() for w in ("White", "House", "Senate", "Party", "Committee", "Fox")):
            if s2 not in out_rows and ("The " + s2) not in out_rows and s2.replace("The ", "", 1) not in out_rows:
                out_rows[s2] = "outlet"
    write(os.path.join(args.out, "outlets.tsv"),
          header("gazetteer of news outlets, programmes and wire agencies", "name (original case), kind (outlet|agency)",
                 "hand list (facts, CC0); plus outlet names appearing as speakers in " + PN_CITE),
          sorted(((n, k) for n, k in out_rows.items()), key=lambda r: (r[1], r[0].lower())))

    # ---- documents
    drows = {}
    for d in DOCUMENTS:
        d = d.replace("_", " ")
        if d.endswith("is"):
            forms = [d, d[:-2] + "es"]  # analysis, analyses
        elif d.endswith("s"):
            forms = [d]  # records, minutes
        else:
            forms = pluralise(d)
        for f in forms:
            drows.setdefault(f, "document")
    write(os.path.join(args.out, "documents.tsv"),
          header("head nouns of documents, reports and surveys that can be cited as a source", "form, kind (document)",
                 "hand list (facts; English nouns), scripts/mine-lexicons.py"),
          sorted(drows.items()))

    # ---- first names
    nrows = {}
    for n in NAMES_M:
        nrows.setdefault(n, "m")
    for n in NAMES_F:
        if nrows.get(n) == "m":
            nrows[n] = "-"
        else:
            nrows.setdefault(n, "f")
    for n in NAMES_X:
        nrows[n] = "-"
    block = NOT_NAMES | set(w.capitalize() for w in TITLE_SET | HON_SET | set(ROLES)) \
        | set(w.capitalize() for k in ORG_WORDS.values() for w in k.split())
    for n, c in firsts_m.items():
        if n not in block and n not in nrows and len(n) > 1 and lower_freq.get(n.lower(), 0) < 2:
            nrows[n] = "-"
    for n in list(nrows):
        if n in block and n not in ("Grant", "Hope", "Will", "Joy", "Rose", "May") and n not in NAMES_M + NAMES_F:
            del nrows[n]
    write(os.path.join(args.out, "first_names.tsv"),
          header("given names (to tell a person from an organisation)", "name (original case), gender (m|f|-)",
                 "hand list of common English/US given names with usual gender (facts, CC0); plus first tokens of "
                 "person-like speaker strings (titles stripped) in " + PN_CITE + ", gender '-'"),
          sorted(nrows.items()))

    # ---- pronouns
    write(os.path.join(args.out, "pronouns.tsv"),
          header("personal and relative pronouns", "form, gender (m|f|n|p|-), kind (subject|object|possessive|relative)",
                 "hand list (English grammar; facts)"),
          PRONOUNS)


if __name__ == "__main__":
    main()
