package org.align4j.core.train;

/**
 * Early stopping on the evaluation loss: stop after {@code patience} evaluations in a row without a
 * loss below the best so far (patience 0: never stop).
 */
public final class EarlyStopping {
    private final int patience;
    private Double best;
    private int bad;

    /** Starts from a saved state ({@code best} null before the first evaluation). */
    public EarlyStopping(int patience, Double best, int evalsWithoutImprovement) {
        this.patience = patience;
        this.best = best;
        this.bad = evalsWithoutImprovement;
    }

    /** Records an evaluation; true when it is the best so far. */
    public boolean update(double evalLoss) {
        if (best == null || evalLoss < best) {
            best = evalLoss;
            bad = 0;
            return true;
        }
        bad++;
        return false;
    }

    /**
     * Records an evaluation that may not count as the best whatever its loss (one over the {@link KlBudget}):
     * it uses up patience like an evaluation without improvement.
     */
    public void reject() {
        bad++;
    }

    /** Whether the patience is used up. */
    public boolean shouldStop() {
        return patience > 0 && bad >= patience;
    }

    public Double best() {
        return best;
    }

    public int evalsWithoutImprovement() {
        return bad;
    }
}
