//! Independent jobs on every core (rayon's pool), the results in the order of the inputs,
//! so what a run reports never depends on scheduling.

use rayon::prelude::*;

/// `work` applied to every item, on the cores of the machine when the items weigh at least
/// `parallel_from` together (below it, handing jobs to other threads costs more than it
/// saves). Each item is a job of its own, so a heavy one does not hold up the light ones
/// queued behind it. A panic in a job is raised again here, as it would have been.
pub fn map_in_order<I: Sync, T: Send>(
    items: &[I],
    weight: impl Fn(&I) -> usize,
    parallel_from: usize,
    work: impl Fn(&I) -> T + Sync + Send,
) -> Vec<T> {
    let total: usize = items.iter().map(&weight).sum();
    if items.len() < 2 || total < parallel_from {
        return items.iter().map(work).collect();
    }
    items.par_iter().with_max_len(1).map(work).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_inputs() {
        let items: Vec<usize> = (0..50).map(|i| (i * 7919) % 101).collect();
        let doubled = map_in_order(&items, |&w| w, 0, |&w| w * 2);
        assert_eq!(doubled, items.iter().map(|w| w * 2).collect::<Vec<_>>());
        let alone = map_in_order(&items, |&w| w, usize::MAX, |&w| w + 1);
        assert_eq!(alone, items.iter().map(|w| w + 1).collect::<Vec<_>>());
    }
}
