//! The words of the demo's calls: what customers ring about, and what an
//! agent says at each step of a call at a weak, middling or strong level.
//!
//! Everything here is text and its arrangement into lines; the random
//! draws (which reason, which level, how many lines) are made in `demo`
//! and passed in, so the same draws always give the same transcript.

use crate::domain::Speaker;

/// The steps of a call the default rubric scores, one per criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Opening,
    Empathy,
    Discovery,
    Resolution,
    Closing,
}

impl Part {
    pub(super) const ALL: [Part; 5] = [
        Part::Opening,
        Part::Empathy,
        Part::Discovery,
        Part::Resolution,
        Part::Closing,
    ];

    /// The default rubric's criterion that scores this step.
    pub(super) fn criterion_id(self) -> &'static str {
        match self {
            Part::Opening => "opening",
            Part::Empathy => "empathy",
            Part::Discovery => "discovery",
            Part::Resolution => "resolution",
            Part::Closing => "clarity",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// How well a step went, read from a 1-5 level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Tier {
    Low,
    Mid,
    High,
}

impl Tier {
    pub(super) fn of(level: u8) -> Tier {
        match level {
            0..=2 => Tier::Low,
            3 => Tier::Mid,
            _ => Tier::High,
        }
    }
}

/// One reason to call, with the customer's side of it and the agent's
/// answers that depend on it.
pub(super) struct Reason {
    /// Index into the demo's teams.
    pub(super) team: usize,
    pub(super) label: &'static str,
    complaints: [&'static str; 2],
    /// Completes "I'm sorry ...".
    situation: &'static str,
    reference: &'static str,
    reference_prefix: &'static str,
    closed_question: &'static str,
    open_question: &'static str,
    answer: &'static str,
    /// What the agent offers at the low, middle and high tier.
    fixes: [&'static str; 3],
    summary: &'static str,
}

pub(super) const REASONS: [Reason; 6] = [
    Reason {
        team: 0,
        label: "Billing question",
        complaints: [
            "My bill this month is nearly double what I normally pay and I don't understand why.",
            "There's a charge on my bill I never agreed to, and I want to know what it is.",
        ],
        situation: "your bill jumped without any warning",
        reference: "account number",
        reference_prefix: "NW-",
        closed_question: "Is it the charge from the 14th you mean?",
        open_question: "Can you talk me through which charges look wrong to you, and what you'd normally expect to pay?",
        answer: "It's the line that says service adjustment, forty-two pounds. I never agreed to that.",
        fixes: [
            "That's just how the system bills it, I can't change that.",
            "I can raise a query on that charge and someone will get back to you.",
            "That adjustment was applied in error, so I've removed it now; your corrected bill is £38 and I'm emailing you the breakdown today.",
        ],
        summary: "the £42 adjustment is removed and the corrected bill is on its way by email",
    },
    Reason {
        team: 0,
        label: "Refund",
        complaints: [
            "I returned the jacket three weeks ago and I still haven't had my refund.",
            "I was promised a refund by the 3rd and nothing has come through.",
        ],
        situation: "the refund hasn't arrived",
        reference: "order number",
        reference_prefix: "ORD-",
        closed_question: "Did you send it back with the prepaid label?",
        open_question: "Can you tell me what happened after you sent it back, and when you need the money by?",
        answer: "I posted it on the 2nd with the label, and the tracking says it was delivered.",
        fixes: [
            "It's with finance, they'll look into it at some point.",
            "I'll chase finance about it and they should be in touch.",
            "I can see the parcel arrived, so I've released the refund now; it'll be on your card within three working days and the confirmation is going to your email.",
        ],
        summary: "the refund is released and reaches your card within three working days",
    },
    Reason {
        team: 1,
        label: "Change booking",
        complaints: [
            "I need to move my booking to next weekend, but the website keeps giving me an error.",
            "I've been trying to change my dates online all morning and it won't let me.",
        ],
        situation: "the website kept failing on you",
        reference: "booking reference",
        reference_prefix: "BK-",
        closed_question: "Is it the Saturday booking?",
        open_question: "Which dates would work for you, and is anything else about the booking changing?",
        answer: "Saturday the 20th if possible, same room, still two adults.",
        fixes: [
            "You'll have to try the website again later.",
            "I can request the change, but I can't promise the date.",
            "I've moved you to Saturday the 20th, same room, with no change fee; the new confirmation is on its way to your inbox now.",
        ],
        summary: "your booking is now Saturday the 20th, same room, with no fee",
    },
    Reason {
        team: 1,
        label: "Cancellation",
        complaints: [
            "We have to cancel our trip because my mother is in hospital, and I'm worried we'll lose the deposit.",
            "Something's come up in the family and we can't travel next month. What happens to our money?",
        ],
        situation: "you're having to call off the trip at a hard time",
        reference: "booking reference",
        reference_prefix: "BK-",
        closed_question: "Do you have travel insurance?",
        open_question: "Would it help more to cancel outright, or to move the trip to later in the year?",
        answer: "Moving it would be better, maybe in the autumn, once things have settled.",
        fixes: [
            "Deposits are non-refundable, it says so in the terms.",
            "I can cancel it and ask whether the deposit can be refunded.",
            "I've put the booking on hold and kept your deposit as credit for any date before December, and I'll call you on Friday to see how things are.",
        ],
        summary: "your deposit is kept as credit until December and I'll call you on Friday",
    },
    Reason {
        team: 2,
        label: "Technical problem",
        complaints: [
            "The app crashes every time I open my statements, and I need them for a mortgage application.",
            "Your app just closes whenever I try to look at my statements.",
        ],
        situation: "the app keeps crashing just when you need your statements",
        reference: "customer number",
        reference_prefix: "C-",
        closed_question: "Are you on the latest version of the app?",
        open_question: "What happens just before it crashes, and which phone are you using?",
        answer: "I tap Statements and it just closes. It's an older Android phone.",
        fixes: [
            "Try reinstalling it, that usually works.",
            "I'll log it with the technical team for you.",
            "There's a known fault on older Android phones, so I've emailed you the last twelve statements as PDFs, and I've logged the crash with our developers under your customer number.",
        ],
        summary: "your statements are in your inbox and the crash is logged with our developers",
    },
    Reason {
        team: 2,
        label: "Login problem",
        complaints: [
            "I've been locked out of my account since the password reset, and the reset email never arrives.",
            "I can't log in any more and the reset link doesn't come through.",
        ],
        situation: "you're locked out and the reset email isn't coming",
        reference: "customer number",
        reference_prefix: "C-",
        closed_question: "Have you checked your spam folder?",
        open_question: "Which email address are you expecting it on, and when did you last manage to log in?",
        answer: "My old work address, I think. I last logged in a couple of weeks ago.",
        fixes: [
            "The system sends it automatically, so just wait for it.",
            "I'll reset it again and you can try once more.",
            "The reset was going to your old work address, so I've changed it to your personal one and sent a new link; it's valid for an hour and I'll stay on the line while you try it.",
        ],
        summary: "your email address is updated and a new reset link is on its way",
    },
];

/// The draws that make one call's transcript.
pub(super) struct CallScript<'a> {
    pub(super) reason: &'a Reason,
    pub(super) agent_first_name: &'a str,
    pub(super) team_name: &'a str,
    /// A transferred call was verified by a colleague, so its opening is N/A.
    pub(super) transferred: bool,
    /// The level of each step, indexed by `Part::index`.
    pub(super) levels: [u8; 5],
    /// Picks between wordings; any number will do.
    pub(super) variant: usize,
    pub(super) reference_number: u32,
}

/// A line before it is given its time in the call, with the steps it shows.
pub(super) struct ScriptLine {
    pub(super) speaker: Speaker,
    pub(super) text: String,
    pub(super) parts: Vec<Part>,
}

impl CallScript<'_> {
    fn tier(&self, part: Part) -> Tier {
        Tier::of(self.levels[part.index()])
    }

    /// The transcript with `count` lines (6 to 10), agent first. Shorter
    /// calls say two steps in one line rather than skip a step.
    pub(super) fn lines(&self, count: usize) -> Vec<ScriptLine> {
        use Part::*;
        let agent = |parts: &[Part]| ScriptLine {
            speaker: Speaker::Agent,
            text: parts
                .iter()
                .map(|&p| self.agent_says(p, self.tier(p)))
                .collect::<Vec<_>>()
                .join(" "),
            parts: parts.to_vec(),
        };
        let customer = |text: String| ScriptLine {
            speaker: Speaker::Customer,
            text,
            parts: Vec::new(),
        };

        let mut lines = vec![agent(&[Opening]), customer(self.complaint())];
        if count >= 9 {
            lines.push(agent(&[Empathy]));
            lines.push(customer(self.reply_to_empathy()));
            lines.push(agent(&[Discovery]));
        } else {
            lines.push(agent(&[Empathy, Discovery]));
        }
        lines.push(customer(self.reason.answer.to_string()));
        if count >= 7 {
            lines.push(agent(&[Resolution]));
            lines.push(customer(self.reaction()));
            lines.push(agent(&[Closing]));
        } else {
            lines.push(agent(&[Resolution, Closing]));
        }
        if count % 2 == 0 {
            lines.push(customer(self.goodbye()));
        }
        lines
    }

    /// What the agent says for one step at one tier, in this call.
    pub(super) fn agent_says(&self, part: Part, tier: Tier) -> String {
        let r = self.reason;
        let first = self.agent_first_name;
        match (part, tier) {
            (Part::Opening, _) if self.transferred => format!(
                "You're through to {first} in {}; my colleague has already checked your details, \
                 so we can carry straight on.",
                self.team_name
            ),
            (Part::Opening, Tier::Low) => "Hello, yeah, what's the problem?".to_string(),
            (Part::Opening, Tier::Mid) => format!("Hi, {first} at Northwind. Name and postcode?"),
            (Part::Opening, Tier::High) => format!(
                "Thank you for calling Northwind, you're speaking to {first}. Before we look at \
                 anything, could I take your full name and postcode? It keeps your account safe."
            ),
            (Part::Empathy, Tier::Low) => format!("What's the {}?", r.reference),
            (Part::Empathy, Tier::Mid) => {
                ["Sorry about that.", "I apologise for the inconvenience."][self.variant % 2]
                    .to_string()
            }
            (Part::Empathy, Tier::High) => [
                format!(
                    "I'm sorry {}, that's really frustrating. Let's get it sorted now.",
                    r.situation
                ),
                format!(
                    "I'm so sorry {}; I'd be upset too. I'll stay with this until it's fixed.",
                    r.situation
                ),
            ][self.variant % 2]
                .clone(),
            (Part::Discovery, Tier::Low) => "Okay, it'll be the usual thing then.".to_string(),
            (Part::Discovery, Tier::Mid) => r.closed_question.to_string(),
            (Part::Discovery, Tier::High) => r.open_question.to_string(),
            (Part::Resolution, tier) => r.fixes[tier as usize].to_string(),
            (Part::Closing, Tier::Low) => {
                "So yeah, it's all in the system now pending the sync, so that's that. Bye."
                    .to_string()
            }
            (Part::Closing, Tier::Mid) => {
                "That should be everything on that. Anything else?".to_string()
            }
            (Part::Closing, Tier::High) => format!(
                "So, to sum up: {}. Is there anything else I can help you with today?",
                r.summary
            ),
        }
    }

    fn complaint(&self) -> String {
        self.reason.complaints[self.variant % 2].to_string()
    }

    fn reference_value(&self) -> String {
        format!("{}{}", self.reason.reference_prefix, self.reference_number)
    }

    fn reply_to_empathy(&self) -> String {
        let reference = self.reference_value();
        match self.tier(Part::Empathy) {
            Tier::Low => format!("It's {reference}. And I've been waiting ages, you know."),
            Tier::Mid => format!("Okay. It's {reference}, if you need it."),
            Tier::High => format!("Thank you, I appreciate that. It's {reference}."),
        }
    }

    fn reaction(&self) -> String {
        match self.tier(Part::Resolution) {
            Tier::Low => "So I'm no better off than when I rang. Great.",
            Tier::Mid => "Okay. I'll wait to hear then.",
            Tier::High => "Oh, that's brilliant, thank you.",
        }
        .to_string()
    }

    fn goodbye(&self) -> String {
        match self.tier(Part::Resolution) {
            Tier::Low => "No. Bye.",
            _ => "No, that's everything, thanks. Bye.",
        }
        .to_string()
    }
}

/// What a coach writes down about a step that went at `tier`.
pub(super) fn what_happened(part: Part, tier: Tier) -> &'static str {
    match (part, tier) {
        (Part::Opening, Tier::Low) => {
            "The call went straight into the problem with no greeting and no identity check."
        }
        (Part::Opening, Tier::Mid) => {
            "Name and postcode were asked for, but without a proper greeting or a reason for the check."
        }
        (Part::Empathy, Tier::Low) => {
            "The customer explained what had gone wrong, and the reply went straight to the reference number without acknowledging it."
        }
        (Part::Empathy, Tier::Mid) => {
            "The apology was a stock phrase that did not mention anything the customer had said."
        }
        (Part::Discovery, Tier::Low) => {
            "No question was asked; the agent assumed what the customer needed."
        }
        (Part::Discovery, Tier::Mid) => {
            "Only a closed question was asked, so the need behind the call stayed hidden."
        }
        (Part::Resolution, Tier::Low) => {
            "The customer was left with no next step and no idea when anything would happen."
        }
        (Part::Resolution, Tier::Mid) => {
            "A follow-up was promised without saying who would do it or by when."
        }
        (Part::Closing, Tier::Low) => "The call closed on internal jargon and with no summary.",
        (Part::Closing, Tier::Mid) => "The call closed without summarising what had been agreed.",
        (_, Tier::High) => "This step went well; the aim is to make it the habit on every call.",
    }
}
