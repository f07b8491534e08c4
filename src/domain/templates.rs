//! The built-in rubrics a QA lead can start a program from.
//!
//! Each template is an ordinary `Rubric`, built through `Rubric::new` so it
//! obeys the same rules as one a person writes, and returned under the
//! default identity: giving it an id and version, and storing it, is left
//! to the caller. The customer-service template is the default rubric
//! itself, so a program started from it matches one started blank.
//!
//! The anchors describe what a listener would hear at each level, and the
//! phrases are lowercase fragments as they appear in transcripts, because
//! scorers use both to find evidence quickly.

use super::rubric::{Criterion, Rubric, Scale};

/// A template as the picker shows it: a stable key, a name and one line on
/// what it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub key: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
}

pub const TEMPLATES: [Template; 4] = [
    Template {
        key: "customer-service",
        name: "Customer service",
        summary: "General service calls: opening and verification, empathy, discovery, \
                  resolution and clear wording.",
    },
    Template {
        key: "sales",
        name: "Sales",
        summary: "Rapport, needs discovery, a fitting recommendation, objections and the \
                  close, with a pass/fail check that no claim misleads.",
    },
    Template {
        key: "collections",
        name: "Collections with compliance",
        summary: "Right-party verification and the required disclosure as pass/fail gates, \
                  no threats, hardship, a realistic payment plan and its confirmation.",
    },
    Template {
        key: "technical-support",
        name: "Technical support",
        summary: "Verification, structured troubleshooting, step-by-step instructions, \
                  resolution or escalation with a ticket, expectations and empathy.",
    },
];

/// The rubric for a template key, or `None` for a key no template has.
pub fn template_rubric(key: &str) -> Option<Rubric> {
    let (name, specs) = match key {
        "customer-service" => return Some(Rubric::default_rubric()),
        "sales" => ("Sales", sales()),
        "collections" => ("Collections with compliance", collections()),
        "technical-support" => ("Technical support", technical_support()),
        _ => return None,
    };
    let criteria = specs.into_iter().map(Spec::build).collect();
    Some(Rubric::new(name, criteria).expect("template is valid"))
}

/// A criterion as this file writes it, in borrowed text; `build` makes the
/// owned `Criterion`. Keeping the conversion in one place means a new
/// field on `Criterion` is filled in once, not once per criterion.
struct Spec {
    id: &'static str,
    name: &'static str,
    dimension: &'static str,
    weight: u32,
    scale: Scale,
    critical_at: Option<u8>,
    na_allowed: bool,
    description: &'static str,
    anchors: [&'static str; 5],
    look_for: &'static [&'static str],
    avoid: &'static [&'static str],
}

impl Spec {
    fn build(self) -> Criterion {
        let owned = |list: &[&str]| list.iter().map(|p| p.to_string()).collect();
        Criterion {
            id: self.id.into(),
            name: self.name.into(),
            dimension: self.dimension.into(),
            weight: self.weight,
            description: self.description.into(),
            anchors: self.anchors.map(String::from),
            look_for: owned(self.look_for),
            avoid: owned(self.avoid),
            scale: self.scale,
            na_allowed: self.na_allowed,
            critical_at: self.critical_at,
        }
    }
}

/// Anchors for a yes/no criterion: only level 1 ("no") and level 5 ("yes")
/// can be given, so the levels between stay blank.
fn yes_no(no: &'static str, yes: &'static str) -> [&'static str; 5] {
    [no, "", "", "", yes]
}

fn sales() -> Vec<Spec> {
    vec![
        Spec {
            id: "opening",
            name: "Opening and rapport",
            dimension: "Rapport",
            weight: 15,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: false,
            description: "Opens with name and company and makes a real connection before \
                          talking about products.",
            anchors: [
                "No greeting or name; goes straight into a pitch or a price.",
                "A scripted greeting read flatly, with nothing about the customer or why they called.",
                "Gives name and company and asks how to help, but the tone stays transactional.",
                "Uses the customer's name, states the reason for the call, and picks up on something the customer says.",
                "A warm, personal opening built on the customer's situation; the customer talks freely within the first minute.",
            ],
            look_for: &[
                "my name is",
                "thank you for calling",
                "how are you",
                "nice to speak",
                "i see you",
            ],
            avoid: &["this will only take", "i'm calling to offer"],
        },
        Spec {
            id: "needs",
            name: "Needs discovery",
            dimension: "Discovery",
            weight: 25,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: false,
            description: "Asks open questions about the customer's situation, goals and budget \
                          before recommending anything.",
            anchors: [
                "Asks nothing about the customer's needs and pitches at once.",
                "Asks one or two closed questions (\"do you want the premium plan?\") and moves to the pitch.",
                "Asks about the current situation, but not about goals, budget or who else decides.",
                "Covers situation, goals and budget with open questions and summarises the need before recommending.",
                "Uncovers the problem behind the request and what it costs the customer; the customer confirms the summary in their own words.",
            ],
            look_for: &[
                "tell me about",
                "what are you using",
                "what matters most",
                "how do you currently",
                "your budget",
                "so what i'm hearing",
            ],
            avoid: &["let me tell you about", "everyone buys"],
        },
        Spec {
            id: "recommendation",
            name: "Recommends what fits",
            dimension: "Persuasion",
            weight: 20,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: false,
            description: "Recommends the option that matches the stated need and explains it as \
                          what it does for this customer.",
            anchors: [
                "Recommends nothing, or pushes the dearest option with no link to anything the customer said.",
                "Reads out plans or features generically; the customer has to work out which fits.",
                "Recommends a suitable option but lists features rather than what they do for the customer.",
                "Recommends one option, ties at least two benefits to needs the customer stated, and says the price plainly.",
                "Recommends the best fit even when it is cheaper, links each benefit to the customer's words, and checks it makes sense to them.",
            ],
            look_for: &[
                "based on what you",
                "you mentioned",
                "which means you",
                "i'd recommend",
                "that would let you",
            ],
            avoid: &["our most popular", "it has all the features"],
        },
        Spec {
            id: "objections",
            name: "Handles objections",
            dimension: "Persuasion",
            weight: 15,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: true,
            description: "Acknowledges a concern, asks what lies behind it, and answers with facts \
                          rather than pressure.",
            anchors: [
                "Argues, ignores the concern, or applies pressure (\"you'd be mad not to\").",
                "Repeats the pitch, or drops the price at once without understanding the concern.",
                "Acknowledges the concern and answers it, without asking what lies behind it.",
                "Acknowledges, asks a question to understand the concern, and answers with a relevant fact or example.",
                "Answers the concern fully and checks it is settled (\"does that cover your worry about cost?\") before moving on.",
            ],
            look_for: &[
                "i understand your concern",
                "that's a fair question",
                "what part of",
                "does that cover",
                "other customers found",
            ],
            avoid: &["you'd be mad not to", "trust me", "only today"],
        },
        Spec {
            id: "close",
            name: "Asks for the sale",
            dimension: "Closing",
            weight: 25,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: false,
            description: "Asks clearly for a decision, confirms what was agreed and states the next \
                          step.",
            anchors: [
                "Never asks for a decision; the call ends on \"have a think about it\" with no follow-up.",
                "Hints (\"let me know if you're interested\") without asking directly.",
                "Asks once; when the customer hesitates, ends the call without a next step.",
                "Asks directly, then either confirms the order details or agrees a dated follow-up.",
                "Asks at the right moment, recaps product, price and start date, and checks the customer knows what happens next.",
            ],
            look_for: &[
                "shall i set that up",
                "would you like to go ahead",
                "can i get that started",
                "to confirm your order",
                "i'll call you on",
            ],
            avoid: &["let me know if", "whenever you're ready"],
        },
        Spec {
            id: "honesty",
            name: "No misleading claims",
            dimension: "Compliance",
            weight: 0,
            scale: Scale::PassFail,
            critical_at: Some(1),
            na_allowed: false,
            description: "Makes only true claims about price, terms and results and states the \
                          conditions that apply.",
            anchors: yes_no(
                "Makes a false or misleading claim (a guaranteed result, a hidden fee, a \"free\" item with its conditions left out) or invents urgency.",
                "Every claim about price, terms and results is accurate, and conditions such as contract length and cancellation fees are stated.",
            ),
            look_for: &[
                "the total cost",
                "contract length",
                "cancellation fee",
                "terms and conditions",
                "to be clear",
            ],
            avoid: &["guaranteed", "completely free", "offer ends today", "no catch"],
        },
    ]
}

fn collections() -> Vec<Spec> {
    vec![
        Spec {
            id: "right-party",
            name: "Right-party verification",
            dimension: "Compliance",
            weight: 0,
            scale: Scale::PassFail,
            critical_at: Some(1),
            na_allowed: false,
            description: "Confirms the person is the debtor, with at least two identifiers, before \
                          saying anything about the debt.",
            anchors: yes_no(
                "Mentions the debt, the creditor or the amount before identity is confirmed, or to someone else.",
                "Confirms full name and two identifiers (date of birth, address, last digits of the account) before any mention of the debt.",
            ),
            look_for: &[
                "am i speaking with",
                "date of birth",
                "confirm your address",
                "for security",
                "before i continue",
            ],
            avoid: &["can you pass on a message", "tell him he owes"],
        },
        Spec {
            id: "disclosure",
            name: "Required disclosure statement",
            dimension: "Compliance",
            weight: 0,
            scale: Scale::PassFail,
            critical_at: Some(1),
            na_allowed: false,
            description: "States that the call is an attempt to collect a debt and that any \
                          information obtained will be used for that purpose.",
            anchors: yes_no(
                "The statement is missing, cut short, or given only after the payment discussion.",
                "Gives the full statement, that this is an attempt to collect a debt and information obtained will be used for that purpose, right after verification.",
            ),
            look_for: &[
                "attempt to collect a debt",
                "information obtained",
                "used for that purpose",
                "this call may be recorded",
            ],
            avoid: &["just a courtesy call"],
        },
        Spec {
            id: "conduct",
            name: "No threats or harassment",
            dimension: "Compliance",
            weight: 20,
            scale: Scale::OneToFive,
            critical_at: Some(1),
            na_allowed: false,
            description: "Keeps to facts and lawful options, without threats, abuse, pressure or \
                          false statements about consequences.",
            anchors: [
                "Threatens arrest, or legal action or wage seizure that is not intended or lawful, swears, or belittles the customer.",
                "No explicit threat, but repeated pressure (\"you need to pay today\"), a raised voice or sarcasm.",
                "Professional but blunt; states consequences without explaining the customer's options.",
                "Calm and respectful throughout; mentions only consequences that are real, and states them as facts.",
                "Stays respectful when the customer is hostile and lays out consequences and options so the customer can decide.",
            ],
            look_for: &[
                "your options are",
                "i want to help",
                "take your time",
                "the next step would be",
                "i understand this is",
            ],
            avoid: &["arrest", "we will sue", "garnish", "you people"],
        },
        Spec {
            id: "hardship",
            name: "Empathy with hardship",
            dimension: "Empathy",
            weight: 25,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: true,
            description: "Listens to the customer's circumstances, acknowledges them and adapts \
                          the approach to what they can manage.",
            anchors: [
                "Dismisses or talks over a hardship (\"that's not my concern\").",
                "A scripted \"sorry to hear that\", then straight back to the full balance.",
                "Acknowledges the hardship and asks about it, but the offer stays the same.",
                "Acknowledges it specifically, asks about income and essential costs, and shapes the plan around them.",
                "Acknowledges it specifically, offers hardship or support schemes where they exist, and the customer says they feel heard.",
            ],
            look_for: &[
                "sorry to hear",
                "that sounds difficult",
                "i understand",
                "hardship",
                "support options",
            ],
            avoid: &["not my concern", "everyone has problems", "that's not an excuse"],
        },
        Spec {
            id: "plan",
            name: "Negotiates a realistic plan",
            dimension: "Negotiation",
            weight: 35,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: true,
            description: "Agrees a payment the customer can keep up, based on what they say about \
                          their income and costs.",
            anchors: [
                "Demands the full balance with no alternative, or accepts any amount without discussion.",
                "Offers one fixed plan on a take-it-or-leave-it basis.",
                "Negotiates an amount but does not check it against the customer's income and costs.",
                "Asks about income and costs, proposes an affordable amount and date, and explains how it clears the balance.",
                "Builds the plan from the customer's budget, tests it (\"could you keep this up if...\"), and agrees what happens if a payment is missed.",
            ],
            look_for: &[
                "what can you afford",
                "payment plan",
                "per month",
                "would that work",
                "your income",
            ],
            avoid: &["full balance today", "take it or leave it"],
        },
        Spec {
            id: "confirm",
            name: "Confirms the arrangement",
            dimension: "Resolution",
            weight: 20,
            scale: Scale::YesNoAsFiveOrOne,
            critical_at: None,
            na_allowed: true,
            description: "Reads the agreed arrangement back: amount, dates, payment method and what \
                          happens if a payment is missed.",
            anchors: yes_no(
                "The call ends without the arrangement read back, or with the amount, date or method unstated.",
                "Reads back amount, first and later dates, payment method and the confirmation to come, and the customer agrees.",
            ),
            look_for: &[
                "just to confirm",
                "first payment",
                "each month on",
                "you'll receive a confirmation",
                "reference number",
            ],
            avoid: &["sort the details later"],
        },
    ]
}

fn technical_support() -> Vec<Spec> {
    vec![
        Spec {
            id: "verify",
            name: "Verifies caller and account",
            dimension: "Compliance",
            weight: 10,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: true,
            description: "Confirms who is calling and which account or device is affected before \
                          changing anything.",
            anchors: [
                "Changes settings or shares account details without any check.",
                "Asks for a name only, or verifies after changes have been made.",
                "Verifies the caller but not which device or service is affected.",
                "Runs the required identity checks and confirms the affected account and device before troubleshooting.",
                "Verifies smoothly, says why, and records device model and software version for the ticket.",
            ],
            look_for: &[
                "verify",
                "account number",
                "email address on the account",
                "which device",
                "model number",
            ],
            avoid: &["i'll just go ahead and reset"],
        },
        Spec {
            id: "diagnosis",
            name: "Structured troubleshooting",
            dimension: "Diagnosis",
            weight: 30,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: false,
            description: "Narrows the problem down with questions and tests in a logical order \
                          before proposing a fix.",
            anchors: [
                "Guesses at a fix without questions, or repeats the same step over and over.",
                "Asks a few questions but jumps between unrelated fixes.",
                "Gathers the symptoms and tries standard fixes in order, without isolating the cause.",
                "Asks when it started and what changed, tests to isolate the cause, and says what has been ruled out.",
                "Finds the root cause efficiently, explains it in plain terms, and checks for related problems.",
            ],
            look_for: &[
                "when did it start",
                "what changed",
                "error message",
                "let's try",
                "that rules out",
                "can you check",
            ],
            avoid: &["it should work", "no idea why", "it's probably your"],
        },
        Spec {
            id: "instructions",
            name: "Step-by-step instructions",
            dimension: "Communication",
            weight: 20,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: true,
            description: "Gives one step at a time in plain words and checks the result before the \
                          next.",
            anchors: [
                "Instructions are wrong, confusing or full of unexplained jargon; the customer gets lost.",
                "Gives several steps at once; the customer has to ask for repeats.",
                "Steps are correct and in order, but the agent rarely checks what the customer sees.",
                "One step at a time, naming the exact buttons and menus, and waits for the customer to confirm each.",
                "Paces the steps to the customer's confidence, confirms each result, and offers a written summary or link.",
            ],
            look_for: &[
                "what do you see",
                "let me know when",
                "click on",
                "tap on",
                "i'll send you",
            ],
            avoid: &["just do", "obviously", "simply"],
        },
        Spec {
            id: "resolution",
            name: "Resolves or escalates with a ticket",
            dimension: "Resolution",
            weight: 20,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: false,
            description: "Fixes the problem on this call, or escalates it with a ticket holding \
                          everything the next team needs.",
            anchors: [
                "The problem stays open and no ticket is raised; the customer is told to call back.",
                "Raises a ticket or transfers without a summary, so the customer must explain again.",
                "Fixes part of the problem, or escalates with a ticket but gives no reference number.",
                "Fixes it and tests the fix with the customer, or escalates with a documented ticket and gives the reference number.",
                "Fixes it and confirms it works; when escalating, writes up what was tried and hands over so the customer never repeats themselves.",
            ],
            look_for: &[
                "ticket number",
                "reference number",
                "escalate",
                "is it working now",
                "i've documented",
            ],
            avoid: &["call back", "nothing more i can do"],
        },
        Spec {
            id: "expectations",
            name: "Sets expectations",
            dimension: "Resolution",
            weight: 10,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: true,
            description: "Tells the customer what happens next, who owns it and by when.",
            anchors: [
                "Says nothing about what happens next, or promises what cannot happen (\"it'll be fixed in an hour\").",
                "A vague next step (\"someone will be in touch\").",
                "States the next step, but not who owns it or when.",
                "States the next step, who owns it and a realistic time.",
                "States next step, owner and time, what to do meanwhile, and how to get back in touch with the reference.",
            ],
            look_for: &[
                "business days",
                "you'll hear from",
                "in the meantime",
                "if it happens again",
                "by the end of",
            ],
            avoid: &["someone will be in touch", "should be soon"],
        },
        Spec {
            id: "empathy",
            name: "Patience and empathy",
            dimension: "Empathy",
            weight: 10,
            scale: Scale::OneToFive,
            critical_at: None,
            na_allowed: false,
            description: "Acknowledges what the problem costs the customer and stays patient \
                          whatever their technical level.",
            anchors: [
                "Impatient or condescending about the customer's knowledge; sighs or blames the customer.",
                "Polite but mechanical, with no recognition of the impact.",
                "Acknowledges the frustration once, then stays purely technical.",
                "Names the impact (\"so you can't work from home today\") and stays patient through repeated steps.",
                "Names the impact, matches language to the customer's confidence, and reassures without overpromising.",
            ],
            look_for: &[
                "i understand",
                "sorry about",
                "that must be",
                "no problem at all",
                "take your time",
            ],
            avoid: &["as i already said", "user error", "calm down"],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every template's key with its rubric.
    fn all() -> Vec<(&'static str, Rubric)> {
        TEMPLATES
            .iter()
            .map(|t| {
                let rubric = template_rubric(t.key)
                    .unwrap_or_else(|| panic!("template {} has no rubric", t.key));
                (t.key, rubric)
            })
            .collect()
    }

    fn rubric(key: &str) -> Rubric {
        template_rubric(key).unwrap()
    }

    #[test]
    fn every_template_key_resolves_to_a_rubric() {
        assert_eq!(all().len(), TEMPLATES.len());
    }

    #[test]
    fn template_keys_are_unique() {
        for (i, t) in TEMPLATES.iter().enumerate() {
            assert!(
                TEMPLATES[..i].iter().all(|o| o.key != t.key),
                "key {} is used twice",
                t.key
            );
        }
    }

    #[test]
    fn every_template_rebuilds_through_the_rubric_checks() {
        for (key, r) in all() {
            let rebuilt = Rubric::new(r.name(), r.criteria().to_vec());
            assert_eq!(rebuilt, Ok(r), "template {key}");
        }
    }

    #[test]
    fn the_customer_service_template_is_the_default_rubric() {
        assert_eq!(rubric("customer-service"), Rubric::default_rubric());
    }

    #[test]
    fn every_template_spans_at_least_four_dimensions() {
        for (key, r) in all() {
            assert!(
                r.dimensions().len() >= 4,
                "template {key} has dimensions {:?}",
                r.dimensions()
            );
        }
    }

    #[test]
    fn weighted_criteria_of_every_template_total_100() {
        for (key, r) in all() {
            let total: u32 = r
                .criteria()
                .iter()
                .filter(|c| c.scale.is_weighted())
                .map(|c| c.weight)
                .sum();
            assert_eq!(total, 100, "template {key}");
        }
    }

    #[test]
    fn collections_gates_the_call_on_a_pass_fail_item_and_weighs_a_yes_no_item() {
        let r = rubric("collections");
        let critical_pass_fail = r
            .criteria()
            .iter()
            .filter(|c| c.scale == Scale::PassFail && c.critical_at == Some(1))
            .count();
        assert!(critical_pass_fail >= 1, "no critical pass/fail criterion");
        assert!(
            r.criteria()
                .iter()
                .any(|c| c.scale == Scale::YesNoAsFiveOrOne),
            "no yes/no criterion counted as 5 or 1"
        );
    }

    #[test]
    fn collections_fails_the_call_on_the_lowest_level_of_a_graded_criterion() {
        let r = rubric("collections");
        let graded_critical = r
            .criteria()
            .iter()
            .find(|c| c.scale == Scale::OneToFive && c.critical_at.is_some())
            .expect("a critical 1-5 criterion");
        assert!(Rubric::fails_call(graded_critical, 1));
        assert!(!Rubric::fails_call(graded_critical, 2));
    }

    #[test]
    fn sales_fails_the_call_on_a_misleading_claim() {
        let r = rubric("sales");
        let honesty = r.criterion("honesty").expect("an honesty criterion");
        assert_eq!(honesty.scale, Scale::PassFail);
        assert!(Rubric::fails_call(honesty, 1));
        assert!(!Rubric::fails_call(honesty, 5));
    }

    #[test]
    fn every_criterion_has_a_description_and_a_few_lowercase_phrases_each_way() {
        for (key, r) in all() {
            // The default rubric is owned by rubric.rs; its phrase lists
            // are longer than these bounds and that is its own choice.
            if key == "customer-service" {
                assert!(r.criteria().iter().all(|c| !c.look_for.is_empty()));
                continue;
            }
            for c in r.criteria() {
                let at = format!("{key}/{}", c.id);
                assert!(!c.description.trim().is_empty(), "{at} has no description");
                assert!((3..=6).contains(&c.look_for.len()), "{at} look_for count");
                assert!((1..=4).contains(&c.avoid.len()), "{at} avoid count");
                for p in c.look_for.iter().chain(&c.avoid) {
                    assert_eq!(p, &p.to_lowercase(), "{at} phrase {p:?} is not lowercase");
                }
            }
        }
    }

    #[test]
    fn yes_no_criteria_leave_the_middle_levels_blank() {
        for (key, r) in all() {
            for c in r.criteria().iter().filter(|c| c.scale.is_yes_no()) {
                for level in 2..=4 {
                    assert_eq!(c.anchor(level), Some(""), "{key}/{} level {level}", c.id);
                }
            }
        }
    }

    #[test]
    fn an_unknown_key_has_no_template() {
        assert!(template_rubric("retention").is_none());
        assert!(template_rubric("").is_none());
        assert!(template_rubric("Sales").is_none());
    }
}
