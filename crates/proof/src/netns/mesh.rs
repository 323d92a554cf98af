//! A full mesh of veth links between the nodes' namespaces: node `i` and node `j` share a link
//! of their own, so any partition of the nodes (and any set of broken links, also ones that
//! leave A–B and B–C up but A–C down) is made by taking links down with `ip link set down`.
//!
//! The link between nodes `a < b` is the `k`-th pair in order; its subnet is `10.77.k.0/24`,
//! with `10.77.k.1` on `a`'s end and `10.77.k.2` on `b`'s end. In node `i`'s namespace, the
//! end of its link to node `j` is the interface `to<j>`.

use std::io;
use std::net::Ipv4Addr;

use super::{Namespace, ip};

/// The nodes' namespaces and the links between them; dropping it deletes them all.
#[derive(Debug)]
pub struct Mesh {
    nodes: Vec<Namespace>,
    /// Whether each link (in [`Mesh::links`] order) is up.
    up: Vec<bool>,
}

impl Mesh {
    /// Create `nodes` namespaces named `<prefix>-n<i>` and a veth link between every two of
    /// them, addressed and up.
    ///
    /// # Errors
    /// If a namespace or a link cannot be made; whatever was made is deleted again.
    pub fn create(prefix: &str, nodes: usize) -> io::Result<Self> {
        let mut mesh = Self {
            nodes: Vec::with_capacity(nodes),
            up: Vec::new(),
        };
        for i in 0..nodes {
            mesh.nodes
                .push(Namespace::create(&format!("{prefix}-n{i}"))?);
        }
        for (k, (a, b)) in mesh.links().into_iter().enumerate() {
            let (na, nb) = (mesh.nodes[a].name(), mesh.nodes[b].name());
            let (ia, ib) = (interface(b), interface(a));
            ip(&[
                "link", "add", &ia, "netns", na, "type", "veth", "peer", "name", &ib, "netns", nb,
            ])?;
            for (ns, dev, host) in [(na, &ia, 1), (nb, &ib, 2)] {
                let addr = format!("10.77.{k}.{host}/24");
                ip(&["-n", ns, "addr", "add", &addr, "dev", dev])?;
                ip(&["-n", ns, "link", "set", dev, "up"])?;
            }
            mesh.up.push(true);
        }
        Ok(mesh)
    }

    /// How many nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the mesh has no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Node `i`'s namespace.
    pub fn namespace(&self, i: usize) -> &Namespace {
        &self.nodes[i]
    }

    /// Every link as `(a, b)` with `a < b`, in order (the `k` of its subnet).
    pub fn links(&self) -> Vec<(usize, usize)> {
        let n = self.nodes.len();
        (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect()
    }

    /// The index of the link between `i` and `j` in [`Mesh::links`].
    fn link_index(&self, i: usize, j: usize) -> usize {
        let (a, b) = (i.min(j), i.max(j));
        let n = self.nodes.len();
        // Links of the nodes before `a`: (n-1) + (n-2) + ... + (n-a).
        a * n - a * (a + 1) / 2 + (b - a - 1)
    }

    /// Node `of`'s address on its link to node `toward`.
    pub fn addr(&self, of: usize, toward: usize) -> Ipv4Addr {
        let k = self.link_index(of, toward);
        let host = if of < toward { 1 } else { 2 };
        Ipv4Addr::new(10, 77, u8::try_from(k).unwrap_or(u8::MAX), host)
    }

    /// Whether the link between `i` and `j` is up.
    pub fn is_up(&self, i: usize, j: usize) -> bool {
        self.up[self.link_index(i, j)]
    }

    /// Take the link between `i` and `j` down or bring it up (both ends). Returns whether it
    /// changed.
    ///
    /// # Errors
    /// If `ip link set` fails.
    pub fn set_link(&mut self, i: usize, j: usize, up: bool) -> io::Result<bool> {
        let k = self.link_index(i, j);
        if self.up[k] == up {
            return Ok(false);
        }
        let state = if up { "up" } else { "down" };
        for (of, toward) in [(i, j), (j, i)] {
            ip(&[
                "-n",
                self.nodes[of].name(),
                "link",
                "set",
                &interface(toward),
                state,
            ])?;
        }
        self.up[k] = up;
        Ok(true)
    }
}

/// The name of a node's interface on its link to node `toward`.
pub fn interface(toward: usize) -> String {
    format!("to{toward}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The link index formula agrees with the enumeration, without making namespaces.
    #[test]
    fn link_indices_follow_the_enumeration() {
        for n in 2..7 {
            let mesh = Mesh {
                nodes: (0..n)
                    .map(|i| Namespace {
                        name: format!("never-created-{i}"),
                    })
                    .collect(),
                up: Vec::new(),
            };
            for (k, (a, b)) in mesh.links().into_iter().enumerate() {
                assert_eq!(mesh.link_index(a, b), k);
                assert_eq!(mesh.link_index(b, a), k);
                assert_eq!(mesh.addr(a, b), Ipv4Addr::new(10, 77, k as u8, 1));
                assert_eq!(mesh.addr(b, a), Ipv4Addr::new(10, 77, k as u8, 2));
            }
            // Dropping would run `ip netns delete` on names never created: forget them.
            std::mem::forget(mesh);
        }
    }
}
