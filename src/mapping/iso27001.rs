//! ISO/IEC 27001:2013 Annex A as a hub: the IDs of its 14 clauses, 35 objectives and 114
//! controls, so mappings to it can be checked (`iso27001-2013` in refs and mapping files).

/// The hub's name in refs and mapping files.
pub const HUB: &str = "iso27001-2013";

/// Controls per objective, by clause: `(clause, [controls in objective 1, objective 2, …])`.
const STRUCTURE: &[(u32, &[u32])] = &[
    (5, &[2]),
    (6, &[5, 2]),
    (7, &[2, 3, 1]),
    (8, &[4, 3, 3]),
    (9, &[2, 6, 1, 5]),
    (10, &[2]),
    (11, &[6, 9]),
    (12, &[4, 1, 1, 4, 1, 2, 1]),
    (13, &[3, 4]),
    (14, &[3, 9, 1]),
    (15, &[3, 2]),
    (16, &[7]),
    (17, &[3, 1]),
    (18, &[5, 3]),
];

/// True for an Annex A clause (`A.5`), objective (`A.5.1`) or control (`A.5.1.1`).
pub fn is_annex_a_id(id: &str) -> bool {
    let Some(rest) = id.strip_prefix("A.") else {
        return false;
    };
    let parts: Vec<&str> = rest.split('.').collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            if p.starts_with('0') {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect();
    let Some(numbers) = numbers else { return false };
    let Some((_, objectives)) = STRUCTURE
        .iter()
        .find(|(clause, _)| Some(clause) == numbers.first())
    else {
        return false;
    };
    match numbers.as_slice() {
        [_] => true,
        [_, objective] => (1..=objectives.len() as u32).contains(objective),
        [_, objective, control] => objectives
            .get((*objective as usize).wrapping_sub(1))
            .is_some_and(|count| (1..=*count).contains(control)),
        _ => false,
    }
}

/// Every Annex A control ID, in order.
pub fn control_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for (clause, objectives) in STRUCTURE {
        for (o, count) in objectives.iter().enumerate() {
            for c in 1..=*count {
                ids.push(format!("A.{clause}.{}.{c}", o + 1));
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_a_has_114_controls() {
        let ids = control_ids();
        assert_eq!(ids.len(), 114);
        assert_eq!(ids.first().unwrap(), "A.5.1.1");
        assert_eq!(ids.last().unwrap(), "A.18.2.3");
    }

    #[test]
    fn ids_are_checked_against_the_structure() {
        for good in ["A.5", "A.5.1", "A.12.6.2", "A.18.2.3", "A.17.1.3"] {
            assert!(is_annex_a_id(good), "{good}");
        }
        for bad in [
            "A.4",
            "A.5.2",
            "A.12.6.3",
            "A.19.1.1",
            "5.1.1",
            "A.05.1.1",
            "A.5.1.1.1",
            "A.",
        ] {
            assert!(!is_annex_a_id(bad), "{bad}");
        }
    }

    #[test]
    fn every_iso_ref_of_the_builtin_catalogs_is_a_real_annex_a_id() {
        for (path, text) in crate::builtin::catalogs() {
            for line in text.lines().filter(|l| l.contains("iso27001-2013")) {
                for id in line
                    .split(['[', ']', ',', '"', ' ', '{', '}'])
                    .filter(|t| t.starts_with("A."))
                {
                    assert!(is_annex_a_id(id), "{path}: {id}");
                }
            }
        }
    }
}
