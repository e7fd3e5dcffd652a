//! Independent jobs on every core: the heaviest first, each thread taking the next job
//! when it is free, the results in the order of the inputs, so what a run reports never
//! depends on scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` applied to every item, on as many threads as the machine has cores when the
/// items weigh at least `parallel_from` together (below it, starting threads costs more
/// than it saves).
pub fn map_in_order<I: Sync, T: Send>(
    items: &[I],
    weight: impl Fn(&I) -> usize,
    parallel_from: usize,
    work: impl Fn(&I) -> T + Sync,
) -> Vec<T> {
    let total: usize = items.iter().map(&weight).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if threads < 2 || total < parallel_from {
        return items.iter().map(work).collect();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<T>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push((i, work(&items[i])));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            // A panic in a job is a bug: it is raised again here, as it would have been.
            let done = worker
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|result| result.expect("every job ran"))
        .collect()
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
