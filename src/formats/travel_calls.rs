//! Reads one call from a call-analytics JSON export, the shape Microsoft's
//! conversational-insights sample writes (one `Travel_*.json` per call):
//! the agent, the team, the resolution status and the timed messages.
//!
//! The importer keeps what coaching needs and leaves the rest: the caller's
//! phone number is not read at all, because nothing in Peercoach needs to
//! know who the customer was. Fields it does not know are ignored, so a
//! newer export with extra fields still reads. Merging the call into a
//! program is `domain::merge`'s job.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::{decode, parse_date_time, FormatError, Problem};
use crate::domain::{Agent, Call, Line, Speaker, Team};

/// One imported call with the agent and team it names, for
/// `domain::merge::add_calls`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCall {
    pub call: Call,
    pub agent: Agent,
    pub team: Team,
}

impl From<ImportedCall> for (Call, Agent, Team) {
    fn from(imported: ImportedCall) -> (Call, Agent, Team) {
        (imported.call, imported.agent, imported.team)
    }
}

// Every field is optional here so that an absent one is reported by the
// checks below, which can say what it is needed for, instead of by serde.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CallFile {
    agent_name: Option<String>,
    agent_id: Option<String>,
    team: Option<String>,
    resolution_status: Option<String>,
    call_reason: Option<String>,
    conversation: Option<Conversation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Conversation {
    conversation_id: Option<String>,
    start_time: Option<String>,
    #[serde(default)]
    messages: Vec<Message>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Message {
    event_type: Option<String>,
    event_time: Option<String>,
    value: Option<String>,
}

/// Reads one exported call; `file_name` becomes the call's source and is
/// named in every error.
pub fn parse_travel_call(file_name: &str, text: &str) -> Result<ImportedCall, FormatError> {
    let missing = |path: &str, why: &str| FormatError::Missing {
        file: file_name.to_string(),
        path: path.to_string(),
        why: why.to_string(),
    };
    // A file that is valid JSON but not one call object (a list, null, a
    // number) gets a sentence about what is expected, not a type error.
    if let Ok(value) =
        serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
    {
        let holds = match value {
            serde_json::Value::Object(_) => None,
            serde_json::Value::Array(_) => Some("a list"),
            serde_json::Value::Null => Some("null"),
            _ => Some("a single value"),
        };
        if let Some(holds) = holds {
            return Err(FormatError::Invalid {
                file: file_name.to_string(),
                path: "whole file".into(),
                message: format!(
                    "holds {holds}, where a call-analytics export has one call object \
                     ({{\"AgentId\": …, \"Team\": …, \"Conversation\": {{…}}}}); export one file per call"
                ),
            });
        }
    }
    let file: CallFile = decode(file_name, "", text)?;

    let agent_id = present(file.agent_id)
        .ok_or_else(|| missing("AgentId", "every call needs the agent's id"))?;
    let team_name = present(file.team)
        .ok_or_else(|| missing("Team", "every call needs the team that took it"))?;
    let conversation = file
        .conversation
        .ok_or_else(|| missing("Conversation", "it holds the call's id, time and messages"))?;
    let call_id = present(conversation.conversation_id).ok_or_else(|| {
        missing(
            "Conversation.ConversationId",
            "it is the call's id, which keeps imports apart",
        )
    })?;
    let resolved = match file.resolution_status.as_deref().map(str::trim) {
        None => None,
        Some("Resolved") => Some(true),
        Some("Unresolved") => Some(false),
        Some(other) => {
            return Err(Problem::new(
                "ResolutionStatus",
                format!("{other:?} is neither \"Resolved\" nor \"Unresolved\""),
            )
            .in_file(file_name))
        }
    };

    let times = message_times(&conversation.messages).map_err(|p| p.in_file(file_name))?;
    let started_at = match present(conversation.start_time) {
        Some(text) => {
            parse_date_time(&text, "Conversation.StartTime").map_err(|p| p.in_file(file_name))?
        }
        // Without a start time the first message is the best start there is.
        None => *times.first().ok_or_else(|| {
            missing(
                "Conversation.StartTime",
                "without it or a timed message the call has no date",
            )
        })?,
    };
    let lines = conversation
        .messages
        .into_iter()
        .zip(times)
        .enumerate()
        .filter_map(|(i, (m, time))| {
            let text = m.value.as_deref().map(str::trim).unwrap_or_default();
            if text.is_empty() {
                return None;
            }
            let speaker = match m.event_type.as_deref() {
                Some("MessageFromBotOrAgent") => Speaker::Agent,
                Some("MessageFromUser") => Speaker::Customer,
                other => {
                    return Some(Err(Problem::new(
                        format!("Conversation.Messages[{i}].EventType"),
                        format!(
                            "{} is neither \"MessageFromBotOrAgent\" (the agent) nor \
                             \"MessageFromUser\" (the customer)",
                            other.map_or("a missing value".to_string(), |o| format!("{o:?}"))
                        ),
                    )))
                }
            };
            let offset_secs = seconds_after(started_at, time);
            Some(Ok(Line {
                speaker,
                offset_secs,
                text: text.to_string(),
            }))
        })
        .collect::<Result<Vec<Line>, Problem>>()
        .map_err(|p| p.in_file(file_name))?;

    let agent_name = present(file.agent_name).unwrap_or_else(|| agent_id.clone());
    let team = Team {
        id: slug(&team_name),
        name: team_name,
    };
    Ok(ImportedCall {
        call: Call {
            id: call_id,
            agent_id: agent_id.clone(),
            team_id: team.id.clone(),
            started_at,
            resolved,
            reason: file
                .call_reason
                .map(|r| r.trim().to_string())
                .unwrap_or_default(),
            source: file_name.to_string(),
            lines,
        },
        agent: Agent {
            id: agent_id,
            name: agent_name,
            hired_on: None,
        },
        team,
    })
}

/// The time of every message, in order; each one needs a time, since a
/// line is placed in the call by it.
fn message_times(messages: &[Message]) -> Result<Vec<DateTime<FixedOffset>>, Problem> {
    messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let path = format!("Conversation.Messages[{i}].EventTime");
            match m.event_time.as_deref() {
                Some(text) => parse_date_time(text, &path),
                None => Err(Problem::new(
                    path,
                    "is missing; each message needs its time",
                )),
            }
        })
        .collect()
}

/// Whole seconds from `start` to `time`. A message stamped before the call
/// started is a clock difference between systems, so it is put at 0:00.
fn seconds_after(start: DateTime<FixedOffset>, time: DateTime<FixedOffset>) -> u32 {
    u32::try_from((time - start).num_seconds().max(0)).unwrap_or(u32::MAX)
}

/// The string without surrounding spaces, or `None` when nothing is left.
fn present(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A team id from its name: lower case, words joined by hyphens
/// ("North East" becomes "north-east"), so the same name always gives the
/// same id whichever file it came from.
fn slug(name: &str) -> String {
    let mut id = String::new();
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.extend(word.chars().flat_map(char::to_lowercase));
    }
    id
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::format_offset;

    const DATA: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/ms-travel-calls"
    );

    fn all_real_calls() -> Vec<ImportedCall> {
        let mut names: Vec<String> = std::fs::read_dir(DATA)
            .unwrap_or_else(|e| panic!("the sample calls should be at {DATA}: {e}"))
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("Travel_") && n.ends_with(".json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|name| {
                let text = std::fs::read_to_string(format!("{DATA}/{name}")).unwrap();
                parse_travel_call(name, &text).unwrap_or_else(|e| panic!("{e}"))
            })
            .collect()
    }

    /// A one-message call in the export's shape, with `extra` spliced into
    /// the top level and `message` as the message's fields.
    fn call_with(extra: &str, message: &str) -> String {
        format!(
            r#"{{ {extra} "AgentName": "Mason White", "CallReason": "Complaints",
                 "CallerID": "999-126-7459",
                 "Conversation": {{ "ConversationId": "conv-1",
                   "StartTime": "2024-06-02T16:36:32.2574769-07:00",
                   "Merged_content": "ignored",
                   "Messages": [ {{ "Id": "m1", {message} "UserId": "Q1" }} ] }} }}"#
        )
    }

    const AGENT_AND_TEAM: &str = r#""AgentId": "Q1", "Team": "North East","#;
    const GOOD_MESSAGE: &str = r#""EventType": "MessageFromBotOrAgent",
        "EventTime": "2024-06-02T16:39:13.2574769-07:00", "Value": "  Hello.  ","#;

    fn error(text: &str) -> String {
        parse_travel_call("Travel_x.json", text)
            .expect_err("should be refused")
            .to_string()
    }

    #[test]
    fn the_hundred_sample_calls_hold_24_agents_5_teams_and_80_resolutions() {
        let calls = all_real_calls();
        assert_eq!(calls.len(), 100);
        let agents: HashSet<&str> = calls.iter().map(|c| c.agent.id.as_str()).collect();
        assert_eq!(agents.len(), 24);
        let teams: HashSet<&str> = calls.iter().map(|c| c.team.id.as_str()).collect();
        assert_eq!(teams.len(), 5, "{teams:?}");
        let resolved = calls
            .iter()
            .filter(|c| c.call.resolved == Some(true))
            .count();
        assert_eq!(resolved, 80);
        let ids: HashSet<&str> = calls.iter().map(|c| c.call.id.as_str()).collect();
        assert_eq!(ids.len(), 100, "every call keeps its own id");
        assert!(calls.iter().all(|c| !c.call.lines.is_empty()));
    }

    #[test]
    fn the_same_agent_is_found_under_more_than_one_team() {
        let calls = all_real_calls();
        let pairs: HashSet<(&str, &str)> = calls
            .iter()
            .map(|c| (c.agent.id.as_str(), c.team.id.as_str()))
            .collect();
        assert!(pairs.len() > 24, "agents and teams: {pairs:?}");
    }

    #[test]
    fn a_sample_call_reads_with_its_speakers_and_offsets_from_the_start() {
        let name = "Travel_20240602163632.json";
        let text = std::fs::read_to_string(format!("{DATA}/{name}")).unwrap();
        let imported = parse_travel_call(name, &text).unwrap();
        let call = &imported.call;
        assert_eq!(call.id, "e2ed8299-0d28-47c7-bc53-336bc08f6305");
        assert_eq!(call.agent_id, "QLUD5I");
        assert_eq!(imported.agent.name, "Mason White");
        assert_eq!(
            imported.team,
            Team {
                id: "midwest".into(),
                name: "Midwest".into()
            }
        );
        assert_eq!(call.reason, "Complaints");
        assert_eq!(call.source, name);
        assert_eq!(
            call.started_at.to_rfc3339(),
            "2024-06-02T16:36:32.257476900-07:00"
        );
        // The export's StartTime is 2:41 before the first message; the
        // offsets keep that gap rather than restarting the clock.
        let firsts: Vec<(Speaker, String)> = call
            .lines
            .iter()
            .take(3)
            .map(|l| (l.speaker, format_offset(l.offset_secs)))
            .collect();
        assert_eq!(
            firsts,
            [
                (Speaker::Agent, "2:41".to_string()),
                (Speaker::Customer, "5:07".to_string()),
                (Speaker::Agent, "6:28".to_string()),
            ]
        );
        assert!(call.lines[0]
            .text
            .starts_with("Hello, thank you for calling Woodgrove Travel."));
    }

    #[test]
    fn a_small_call_reads_with_a_slugged_team_and_trimmed_text() {
        let imported =
            parse_travel_call("Travel_x.json", &call_with(AGENT_AND_TEAM, GOOD_MESSAGE)).unwrap();
        assert_eq!(
            imported.team,
            Team {
                id: "north-east".into(),
                name: "North East".into()
            }
        );
        assert_eq!(
            imported.call.resolved, None,
            "no status means unknown, not unresolved"
        );
        assert_eq!(imported.call.lines[0].text, "Hello.");
        assert_eq!(imported.call.lines[0].offset_secs, 161);
    }

    #[test]
    fn empty_messages_are_skipped_and_early_ones_start_at_zero() {
        let messages = r#""EventType": "MessageFromUser", "EventTime": "2024-06-02T16:30:00-07:00",
            "Value": "Early." }, { "EventType": "MessageFromUser",
            "EventTime": "2024-06-02T16:40:00-07:00", "Value": "   ","#;
        let imported =
            parse_travel_call("Travel_x.json", &call_with(AGENT_AND_TEAM, messages)).unwrap();
        assert_eq!(imported.call.lines.len(), 1);
        assert_eq!(imported.call.lines[0].offset_secs, 0);
        assert_eq!(imported.call.lines[0].speaker, Speaker::Customer);
    }

    #[test]
    fn without_a_start_time_the_first_message_starts_the_call() {
        let text = call_with(AGENT_AND_TEAM, GOOD_MESSAGE)
            .replace(r#""StartTime": "2024-06-02T16:36:32.2574769-07:00","#, "");
        let imported = parse_travel_call("Travel_x.json", &text).unwrap();
        assert_eq!(imported.call.lines[0].offset_secs, 0);
        assert_eq!(imported.call.day().to_string(), "2024-06-02");
    }

    #[test]
    fn a_missing_agent_id_is_refused_with_the_reason() {
        let message = error(&call_with(r#""Team": "West","#, GOOD_MESSAGE));
        assert_eq!(
            message,
            "Travel_x.json: AgentId is missing; every call needs the agent's id"
        );
    }

    #[test]
    fn a_message_time_without_an_offset_is_refused_with_an_example() {
        let bad = r#""EventType": "MessageFromUser", "EventTime": "2024-13-01", "Value": "Hi","#;
        let message = error(&call_with(AGENT_AND_TEAM, bad));
        assert_eq!(
            message,
            "Travel_x.json: Conversation.Messages[0].EventTime: \"2024-13-01\" is not a date-time \
             with offset (expected e.g. 2024-06-02T16:39:13-07:00)"
        );
    }

    #[test]
    fn an_unknown_resolution_status_is_named() {
        let extra = format!(r#"{AGENT_AND_TEAM} "ResolutionStatus": "Pending","#);
        let message = error(&call_with(&extra, GOOD_MESSAGE));
        assert_eq!(
            message,
            "Travel_x.json: ResolutionStatus: \"Pending\" is neither \"Resolved\" nor \"Unresolved\""
        );
    }

    #[test]
    fn an_unknown_event_type_is_named_with_its_place() {
        let bad = r#""EventType": "SystemNote", "EventTime": "2024-06-02T16:39:13-07:00",
            "Value": "Hi","#;
        let message = error(&call_with(AGENT_AND_TEAM, bad));
        assert!(
            message
                .starts_with("Travel_x.json: Conversation.Messages[0].EventType: \"SystemNote\""),
            "{message}"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_path() {
        let bad = r#""EventType": "MessageFromUser", "EventTime": 5, "Value": "Hi","#;
        let message = error(&call_with(AGENT_AND_TEAM, bad));
        assert!(
            message.starts_with("Travel_x.json: at Conversation.Messages[0].EventTime (line "),
            "{message}"
        );
    }

    #[test]
    fn a_file_that_is_a_list_or_null_says_what_is_expected() {
        for (text, holds) in [
            ("[1,2,3]", "a list"),
            ("null", "null"),
            ("7", "a single value"),
        ] {
            let message = parse_travel_call("x.json", text).unwrap_err().to_string();
            assert!(
                message.starts_with("x.json: whole file: holds "),
                "{message}"
            );
            assert!(message.contains(holds), "{message}");
            assert!(message.contains("one call object"), "{message}");
        }
    }
}
