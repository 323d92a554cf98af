//! Invitation tickets: a node id and the addresses it listens on, in one copyable line.

use casebook_i18n::Message;
use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;

use crate::{Error, NodeId};

const PREFIX: &str = "casebook:";

/// What `casebook invite` prints and `casebook peer add` reads:
/// `casebook:<node id>@<ip:port>[,<ip:port>...]`, or `casebook:<node id>@` for a node that
/// only dials out (nobody can dial it, but the node it dials must know its key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// The node to trust.
    pub node: NodeId,
    /// Where it listens; empty for a node that only dials.
    pub addrs: Vec<SocketAddr>,
}

impl fmt::Display for Ticket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let addrs: Vec<String> = self.addrs.iter().map(ToString::to_string).collect();
        write!(f, "{PREFIX}{}@{}", self.node, addrs.join(","))
    }
}

impl FromStr for Ticket {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |why: Message| Error::BadTicket {
            input: s.to_string(),
            why,
        };
        let rest = s
            .trim()
            .strip_prefix(PREFIX)
            .ok_or_else(|| bad(Message::new("err-ticket-prefix")))?;
        let (node, addrs) = rest
            .split_once('@')
            .ok_or_else(|| bad(Message::new("err-ticket-no-at")))?;
        let node: NodeId = node
            .parse()
            .map_err(|_| bad(Message::new("err-ticket-node-id")))?;
        let addrs = addrs
            .split(',')
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.parse::<SocketAddr>()
                    .map_err(|_| bad(Message::new("err-ticket-address").with("address", a)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { node, addrs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_round_trips() {
        let t = Ticket {
            node: crate::SecretKey::from_seed([1; 32]).node_id(),
            addrs: vec![
                "127.0.0.1:7447".parse().unwrap(),
                "[::1]:7447".parse().unwrap(),
            ],
        };
        assert_eq!(t.to_string().parse::<Ticket>().unwrap(), t);
        let dials_only = Ticket {
            node: t.node,
            addrs: vec![],
        };
        assert_eq!(
            dials_only.to_string().parse::<Ticket>().unwrap(),
            dials_only
        );
    }

    #[test]
    fn bad_tickets_say_why() {
        for (input, why) in [
            ("hello", "casebook:"),
            ("casebook:abc@127.0.0.1:1", "node id"),
            (
                "casebook:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "'@'",
            ),
        ] {
            let err = input.parse::<Ticket>().unwrap_err().to_string();
            assert!(err.contains(why), "{input}: {err}");
        }
        let node = crate::SecretKey::from_seed([1; 32]).node_id();
        let err = format!("casebook:{node}@nowhere")
            .parse::<Ticket>()
            .unwrap_err()
            .to_string();
        assert!(err.contains("nowhere"), "{err}");
    }
}
