//! The shared, weighted rubric that coach and agent both score with.
//!
//! A rubric is checked when it is built: at least one criterion, unique
//! ids, weights that total 100 over the criteria that count towards the
//! overall score, and a written behavioural anchor for each level a
//! criterion can be given. Everything downstream (overall scores, critical
//! fails, dimension averages, the standard quoted in a session) can then
//! rely on it. A rubric has an id and a version: editing one that has
//! scores makes a new version, and old scores keep theirs.

use thiserror::Error;

/// The lowest and highest level of the scale.
pub const MIN_LEVEL: u8 = 1;
pub const MAX_LEVEL: u8 = 5;

/// How a criterion is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    /// Levels 1 to 5, each with its anchor.
    OneToFive,
    /// Yes or no, counted as 5 or 1 in the overall score.
    YesNoAsFiveOrOne,
    /// Yes or no, counted as pass or fail only: it carries no weight in
    /// the overall score, and a "no" matters through `critical_at`.
    PassFail,
}

impl Scale {
    pub const ALL: [Scale; 3] = [Scale::OneToFive, Scale::YesNoAsFiveOrOne, Scale::PassFail];

    pub fn label(self) -> &'static str {
        match self {
            Scale::OneToFive => "1 to 5",
            Scale::YesNoAsFiveOrOne => "yes/no, counted as 5/1",
            Scale::PassFail => "yes/no, pass or fail only",
        }
    }

    pub fn is_yes_no(self) -> bool {
        !matches!(self, Scale::OneToFive)
    }

    /// Whether the criterion's score enters the weighted overall score.
    pub fn is_weighted(self) -> bool {
        !matches!(self, Scale::PassFail)
    }

    /// The levels a scorer can give: 1-5, or 5 (yes) and 1 (no).
    pub fn levels(self) -> &'static [u8] {
        if self.is_yes_no() {
            &[5, 1]
        } else {
            &[1, 2, 3, 4, 5]
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    /// The skill the criterion measures (empathy, compliance, ...): coaches
    /// are chosen and sessions are run per dimension.
    pub dimension: String,
    /// Share of the overall score, in percent.
    pub weight: u32,
    pub description: String,
    /// What the behaviour looks like at levels 1 to 5, in that order.
    pub anchors: [String; 5],
    /// Phrases that suggest the behaviour; transcript lines containing one
    /// are offered to the scorer as evidence. Matched without regard to case.
    pub look_for: Vec<String>,
    /// Phrases that suggest the behaviour is missing or done badly.
    pub avoid: Vec<String>,
    pub scale: Scale,
    /// Whether the scorer may mark the criterion not applicable.
    pub na_allowed: bool,
    /// A score at or below this level fails the whole call, whatever the
    /// overall score (for a yes/no criterion, a "no").
    pub critical_at: Option<u8>,
}

impl Criterion {
    /// The anchor text for `level` (1-5), or `None` outside the scale.
    pub fn anchor(&self, level: u8) -> Option<&str> {
        if (MIN_LEVEL..=MAX_LEVEL).contains(&level) {
            Some(self.anchors[usize::from(level - 1)].as_str())
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RubricError {
    #[error("a rubric needs at least one criterion")]
    NoCriteria,
    #[error("criterion id \"{0}\" is used twice")]
    DuplicateId(String),
    #[error("criterion \"{0}\" has no name")]
    MissingName(String),
    #[error("criterion \"{0}\" has no dimension")]
    MissingDimension(String),
    #[error("criterion \"{0}\" has weight 0; give it a share or remove it")]
    ZeroWeight(String),
    #[error("weights total {0}, they must total 100")]
    WeightsNot100(u32),
    #[error("criterion \"{criterion}\" has no anchor text for level {level}")]
    MissingAnchor { criterion: String, level: u8 },
    #[error("criterion \"{0}\" is pass/fail only, so it carries no weight: set its weight to 0")]
    WeightOnPassFail(String),
    #[error("criterion \"{criterion}\" fails the call at or below level {level}; choose a level from 1 to 4")]
    CriticalOutOfRange { criterion: String, level: u8 },
    #[error("a rubric needs a name")]
    MissingRubricName,
    #[error("two criteria are named \"{0}\"; scorers could not tell them apart")]
    DuplicateName(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    id: String,
    version: u32,
    name: String,
    criteria: Vec<Criterion>,
}

/// The id of the rubric every program starts with.
pub const DEFAULT_RUBRIC_ID: &str = "default";

impl Rubric {
    pub fn new(name: &str, criteria: Vec<Criterion>) -> Result<Rubric, RubricError> {
        if criteria.is_empty() {
            return Err(RubricError::NoCriteria);
        }
        for (i, c) in criteria.iter().enumerate() {
            if criteria[..i].iter().any(|o| o.id == c.id) {
                return Err(RubricError::DuplicateId(c.id.clone()));
            }
            if c.name.trim().is_empty() {
                return Err(RubricError::MissingName(c.id.clone()));
            }
            if criteria[..i]
                .iter()
                .any(|o| o.name.trim().eq_ignore_ascii_case(c.name.trim()))
            {
                return Err(RubricError::DuplicateName(c.name.trim().to_string()));
            }
            if c.dimension.trim().is_empty() {
                return Err(RubricError::MissingDimension(c.id.clone()));
            }
            if c.scale.is_weighted() && c.weight == 0 {
                return Err(RubricError::ZeroWeight(c.id.clone()));
            }
            if !c.scale.is_weighted() && c.weight != 0 {
                return Err(RubricError::WeightOnPassFail(c.id.clone()));
            }
            if let Some(level) = c
                .scale
                .levels()
                .iter()
                .copied()
                .find(|l| c.anchor(*l).is_none_or(|a| a.trim().is_empty()))
            {
                return Err(RubricError::MissingAnchor {
                    criterion: c.id.clone(),
                    level,
                });
            }
            if let Some(level) = c.critical_at.filter(|l| !(1..MAX_LEVEL).contains(l)) {
                return Err(RubricError::CriticalOutOfRange {
                    criterion: c.id.clone(),
                    level,
                });
            }
        }
        if name.trim().is_empty() {
            return Err(RubricError::MissingRubricName);
        }
        let total: u32 = criteria.iter().map(|c| c.weight).sum();
        if total != 100 {
            return Err(RubricError::WeightsNot100(total));
        }
        Ok(Rubric {
            id: DEFAULT_RUBRIC_ID.to_string(),
            version: 1,
            name: name.to_string(),
            criteria,
        })
    }

    /// The same rubric under another id and version.
    pub fn with_identity(mut self, id: &str, version: u32) -> Rubric {
        self.id = id.to_string();
        self.version = version.max(1);
        self
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    /// "Customer service (v2)", for lists where versions sit side by side.
    pub fn label(&self) -> String {
        format!("{} (v{})", self.name, self.version)
    }

    /// Whether a level fails the call on this criterion.
    pub fn fails_call(criterion: &Criterion, level: u8) -> bool {
        criterion.critical_at.is_some_and(|at| level <= at)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// Dimensions in the order their first criterion appears.
    pub fn dimensions(&self) -> Vec<&str> {
        let mut dims: Vec<&str> = Vec::new();
        for c in &self.criteria {
            if !dims.contains(&c.dimension.as_str()) {
                dims.push(&c.dimension);
            }
        }
        dims
    }

    pub fn criteria_in<'a>(&'a self, dimension: &'a str) -> impl Iterator<Item = &'a Criterion> {
        self.criteria
            .iter()
            .filter(move |c| c.dimension == dimension)
    }

    /// The rubric every new program starts with: five criteria over five
    /// dimensions, written for customer-service calls.
    pub fn default_rubric() -> Rubric {
        let c =
            |id: &str, name: &str, dim: &str, weight: u32, desc: &str, a: [&str; 5]| Criterion {
                id: id.into(),
                name: name.into(),
                dimension: dim.into(),
                weight,
                description: desc.into(),
                anchors: a.map(String::from),
                look_for: Vec::new(),
                avoid: Vec::new(),
                scale: Scale::OneToFive,
                na_allowed: true,
                critical_at: None,
            };
        let phrases = |list: &[&str]| list.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        let criteria = vec![
            c(
                "opening",
                "Opening and identity check",
                "Compliance",
                15,
                "Greets, gives name and company, and verifies the caller before discussing the account.",
                [
                    "No greeting or verification; account details discussed with an unverified caller.",
                    "Greets but skips verification, or verifies only after sharing details.",
                    "Greets and verifies, but out of order or with a missing step.",
                    "Greets with name and company and verifies the caller before any account detail.",
                    "Full opening and verification, explained to the caller so it feels like protection, not a hurdle.",
                ],
            ),
            c(
                "empathy",
                "Acknowledges feelings",
                "Empathy",
                25,
                "Recognises the customer's situation and emotion in their own words before solving.",
                [
                    "Ignores or dismisses the customer's frustration; talks over them.",
                    "A scripted apology with no reference to what the customer said.",
                    "Acknowledges the problem once, but moves on before the customer feels heard.",
                    "Names the customer's situation and feeling in specific words and apologises where it is due.",
                    "Acknowledges specifically, checks the customer feels heard, and keeps that tone through the call.",
                ],
            ),
            c(
                "discovery",
                "Finds the real need",
                "Discovery",
                20,
                "Asks open and clarifying questions until the underlying need is clear.",
                [
                    "Asks no questions; acts on assumptions.",
                    "Asks only closed questions; misses key facts.",
                    "Gets the main facts but not the need behind the request.",
                    "Uses open questions, confirms understanding, and states the need back.",
                    "Uncovers the need behind the need and anticipates the next question.",
                ],
            ),
            c(
                "resolution",
                "Resolves or sets a clear next step",
                "Resolution",
                25,
                "Solves the issue on this call, or agrees a concrete next step with owner and time.",
                [
                    "Leaves the issue open with no next step.",
                    "Promises to look into it, without owner or time.",
                    "Solves part of the issue, or gives a next step that is vague on timing.",
                    "Solves the issue, or agrees a next step with who, what and when, and confirms it.",
                    "Solves the issue, confirms it worked, and prevents the likely follow-up call.",
                ],
            ),
            c(
                "clarity",
                "Clear, confident wording",
                "Communication",
                15,
                "Explains plainly, without jargon, and summarises before closing.",
                [
                    "Confusing or contradictory explanations; jargon throughout.",
                    "Understandable but hesitant, with unexplained jargon.",
                    "Clear for the most part; no summary at the end.",
                    "Plain language, one step at a time, and a summary before closing.",
                    "Plain, warm and concise; the customer could repeat the plan back.",
                ],
            ),
        ];
        let mut criteria = criteria;
        let lists: [(&[&str], &[&str]); 5] = [
            (
                &[
                    "thank you for calling",
                    "my name is",
                    "verify",
                    "confirm your",
                    "security",
                ],
                &["what do you want"],
            ),
            (
                &[
                    "sorry",
                    "apologi",
                    "i understand",
                    "frustrat",
                    "i can imagine",
                    "thank you for your patience",
                    "i hear you",
                ],
                &[
                    "calm down",
                    "not my problem",
                    "nothing i can do",
                    "you should have",
                ],
            ),
            (
                &[
                    "could you",
                    "can you tell me",
                    "provide me with",
                    "more details",
                    "just to confirm",
                ],
                &["that's not what", "you need to"],
            ),
            (
                &[
                    "i will",
                    "i'll",
                    "follow up",
                    "within 24 hours",
                    "reference number",
                    "anything else",
                ],
                &["call back later", "i don't know", "not sure"],
            ),
            (
                &["to sum up", "to summarise", "next step", "in short"],
                &["basically", "kind of"],
            ),
        ];
        for (c, (look, avoid)) in criteria.iter_mut().zip(lists) {
            c.look_for = phrases(look);
            c.avoid = phrases(avoid);
        }
        Rubric::new("Customer service", criteria).expect("the default rubric is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Vec<Criterion> {
        Rubric::default_rubric().criteria().to_vec()
    }

    #[test]
    fn the_default_rubric_has_five_criteria_over_at_least_four_dimensions() {
        let r = Rubric::default_rubric();
        assert_eq!(r.criteria().len(), 5);
        assert!(
            r.dimensions().len() >= 4,
            "dimensions: {:?}",
            r.dimensions()
        );
        assert_eq!(r.criteria().iter().map(|c| c.weight).sum::<u32>(), 100);
    }

    #[test]
    fn weights_that_do_not_total_100_are_refused_with_the_total() {
        let mut cs = criteria();
        cs[0].weight += 5;
        assert_eq!(Rubric::new("x", cs), Err(RubricError::WeightsNot100(105)));
    }

    #[test]
    fn a_blank_anchor_is_refused_naming_the_level() {
        let mut cs = criteria();
        cs[1].anchors[2] = "  ".into();
        assert_eq!(
            Rubric::new("x", cs),
            Err(RubricError::MissingAnchor {
                criterion: "empathy".into(),
                level: 3
            })
        );
    }

    #[test]
    fn a_repeated_criterion_id_is_refused() {
        let mut cs = criteria();
        cs[1].id = "opening".into();
        assert_eq!(
            Rubric::new("x", cs),
            Err(RubricError::DuplicateId("opening".into()))
        );
    }

    #[test]
    fn anchors_are_read_by_level_and_nothing_exists_outside_the_scale() {
        let r = Rubric::default_rubric();
        let c = r.criterion("empathy").unwrap();
        assert!(c.anchor(1).unwrap().starts_with("Ignores"));
        assert!(c.anchor(0).is_none());
        assert!(c.anchor(6).is_none());
    }

    #[test]
    fn a_pass_fail_item_must_carry_no_weight() {
        let mut cs = criteria();
        cs[4].scale = Scale::PassFail;
        assert_eq!(
            Rubric::new("x", cs.clone()),
            Err(RubricError::WeightOnPassFail("clarity".into()))
        );
        cs[4].weight = 0;
        cs[3].weight += 15;
        assert!(Rubric::new("x", cs).is_ok());
    }

    #[test]
    fn a_yes_no_item_needs_anchors_only_for_yes_and_no() {
        let mut cs = criteria();
        cs[0].scale = Scale::YesNoAsFiveOrOne;
        cs[0].anchors[1] = String::new();
        cs[0].anchors[2] = String::new();
        cs[0].anchors[3] = String::new();
        assert!(Rubric::new("x", cs.clone()).is_ok());
        cs[0].anchors[4] = " ".into();
        assert_eq!(
            Rubric::new("x", cs),
            Err(RubricError::MissingAnchor {
                criterion: "opening".into(),
                level: 5
            })
        );
    }

    #[test]
    fn a_critical_level_must_leave_a_passing_level() {
        let mut cs = criteria();
        cs[0].critical_at = Some(5);
        assert_eq!(
            Rubric::new("x", cs),
            Err(RubricError::CriticalOutOfRange {
                criterion: "opening".into(),
                level: 5
            })
        );
    }

    #[test]
    fn two_criteria_with_the_same_name_are_refused() {
        let mut cs = criteria();
        cs[2].name = cs[1].name.to_uppercase();
        assert!(matches!(
            Rubric::new("x", cs),
            Err(RubricError::DuplicateName(_))
        ));
    }
}
