"""Every threshold the detectors use, named so users can find why a run was flagged.

Each constant's comment says what it measures; the detector whose docstring names it says the
rule (``detectors``, ``spikes``, ``underfitting``, ``curves``).
"""

from __future__ import annotations

# --- thresholds (named so users can find why a run was flagged) -----------------------------
OVERFIT_MIN_POINTS_AFTER_BEST = 2  # evaluations after the best before a rise can be judged
OVERFIT_END_SHARE = 1 / 2  # the end stretch: the last half of the points after the best ...
OVERFIT_END_ABOVE = 0.9  # ... has 90% of its points above the best (rounded: 1 may dip from 5) ...
OVERFIT_MIN_RISE_NOISE = 2.75  # ... sits this many standard errors above the best
OVERFIT_LINE_POINTS = 3  # (the scatter around the line of >= 3 points after the best)
OVERFIT_LINE_TRUSTED = 5  # under 5 points after the best, train must have fallen 10% since
OVERFIT_LINE_SMALL_RISE = 7  # (under 7, too, while val ended under 2x its best level:
OVERFIT_SMALL_RISE_TIMES = 2.0  # a 14% rise over 6 noisy evaluations beside a flat train)
OVERFIT_FEW = 12  # (under 12 evaluations, fewer after the best: see _few_after_best_noise)
OVERFIT_MIN_RISE_OF_GAIN = 0.06  # val gave back >= 6% of its improvement (from its first point) ...
OVERFIT_SCORE_WORSE = 1.25  # (2) waived when a held-out score's error grew 1.25x after the best
OVERFIT_SCORE_WORSE_SHARE = 0.02  # and by 2% of its scale,
OVERFIT_CORROBORATED_RISE = 0.25  # the loss having risen 25% above its best level
OVERFIT_SCORE_CONTRADICTED = 0.15  # a score giving back < 15% of its gain while a val loss of
OVERFIT_LOSS_LATE_SHARE = 0.1  # its split reached its best in its last 10%: no overfitting
OVERFIT_SCORE_MIN_DROP = 0.01  # a bounded score (0-1, 0-100) must fall 1% of its scale
OVERFIT_SCORE_QUANTA = 2  # a score on a grid of 1/n (a val set of n) falling <= 2 steps: noise
SCORE_QUANTUM_MIN = 0.005  # a score's grid: its smallest gap, >= 0.5% of its scale (n <= 200)
SCORE_QUANTUM_TOLERANCE = 0.02  # ... every gap a whole number of it to 2%
OVERFIT_SCORE_FALL_FROM = 0.2  # its fall over its best counts as the rise's share from 20%
OVERFIT_STEADY_POINTS = 10  # a val climbing along a line (>= 10 evals after its best, slope
OVERFIT_STEADY_SIGMAS = 10.0  # 10 standard errors up) rose to that line's end
OVERFIT_MONOTONE_POINTS = 5  # a loss up at each of >= 5 evaluations after its best, 10% above
OVERFIT_ABOVE_FIRST = 2.0  # a val that never gained but ends at 2x its first value got worse
OVERFIT_JUMP_POINTS = 2  # val's highest point after its best within 2 evaluations of it,
OVERFIT_JUMP_OVER_RISE = 2.0  # twice the end's rise: a spike's recovery, not overfitting
OVERFIT_MIN_RISE_OF_LEVEL = 0.10  # ... and (a loss with a natural zero) rose >= 10% above best
OVERFIT_GAVE_BACK = 0.33  # (the 10% is 5% once val gave back a third of what it improved
OVERFIT_GAVE_BACK_LEVEL = 0.05  # while train kept fitting)
OVERFIT_STEP_AFTER = 8  # stepped up: 8+ evaluations after the best all above
OVERFIT_STEP_BEFORE = 3  # the highest of the 3 before it
OVERFIT_TRAIN_FELL = 0.10  # (and then train fell >= 10% of its level at the val best)
OVERFIT_TRAIN_SLACK = 0.0  # train must end no higher (in its sigmas) than at the val best:
#                             a rise that train shares is not overfitting
OVERFIT_TRAIN_HELD_RATIO = 10.0  # (or within a noise sigma of it while val rose 10x as much)
DIVERGE_GIVE_BACK = 0.75  # train loss gave back >= 75% of its improvement ...
DIVERGE_RISE_NOISE = 5.0  # ... by more than 5 noise sigmas, and did not come back down
DIVERGE_RISE_OF_LEVEL = 0.1  # ... and (natural zero) by at least 10% of its floor level
DIVERGE_NEVER_GAINED = 0.05  # a loss whose gain was under 5% of its floor level (it learned
DIVERGE_NEVER_GAINED_RISE = 0.2  # nothing) and rose under 20% of it lost nothing: underfitting's
DIVERGE_WEIGHT_RAMP = 2.0  # a loss term's weight (beta) doubled after the floor: not lost progress
DIVERGE_RECOVERING = 0.1  # a last quarter falling by 10% of that rise is coming back
DIVERGE_FEW_TRAIN_POINTS = 8  # a train loss of fewer points beside a longer val is not judged
DIVERGE_SPARSE_TRAIN_POINTS = 3  # but one of >= 3 points that fell 25% from its first to its
DIVERGE_SPARSE_TRAIN_FELL = 0.25  # last leaves a val losing its progress to overfitting,
DIVERGE_SPARSE_TRAIN_BELOW = 0.75  # and so does one ending at 75% of val's best or under
DIVERGE_HELD_POINTS = 3  # the rise is held by the median of the last 3 points at least
DIVERGE_TIMES_FLOOR = 3.0  # or (natural zero) ended >= 3x its floor, having given back >= 10%
DIVERGE_TIMES_FLOOR_GIVE_BACK = 0.1
DIVERGE_BLEW_UP_TIMES = 10.0  # or train ended >= 10x its floor (however far it fell first)
DIVERGE_VAL_WITH_IT = 1.5  # with val ended >= 1.5x its own floor
DIVERGE_FROM_FIRST = 2.0  # a val that never beat its first point and ended 2x it, train no better
DIVERGE_THROWN_JUMP = 2.0  # a val loss 2x its level in one evaluation after its best, never back
DIVERGE_THROWN_ALONE = 4.0  # that jump 4x any other step up val takes (else: bouncing)
COLLAPSE_MIN_BEST = 0.2  # a held-out score that reached 20% of its ceiling ...
COLLAPSE_SHARE = 0.1  # ... and ended (its last quarter) at <= 10% of its best collapsed,
COLLAPSE_THROWN = 0.5  # (or beside a val loss thrown back half its gain in one evaluation)
FROZEN_POINTS = 5  # with a loss frozen over its last quarter (>= 5 points) ...
FROZEN_SPREAD = 1e-4  # ... to 1e-4 of its level: the weights stopped changing
DIVERGE_MAGNITUDE = 100.0  # |values| grew 100x beyond their start: unbounded
DIVERGE_MEMORISED = 0.001  # a train loss whose floor is 0.1% of its first point memorised
DIVERGE_MEMORISED_OF_START = 0.01  # (and 1% of its robust start: no untrained first point)
DIVERGE_MEMORISED_RISE = 0.01  # ... and lost nothing by rising under 1% of that first point
BLOW_UP_RATIO = 10.0  # a loss jumping to >= 10x the median of its points before ...
BLOW_UP_SETTLED = 5.5  # ... whose later points stay (median) >= 5.5x that level: no recovery
SPIKE_WINDOW_FRACTION = 0.05  # rolling window: 5% of the series (>= 5 points)
SPIKE_SIGMAS = 10.0  # a spike starts this many rolling sigmas above the rolling median
SPIKE_MIN_RANGE_SHARE = 0.15  # and jumps by at least 15% of the series' range
SPIKE_MIN_RATIO = 2.5  # with a natural zero the peak is >= 2.5x the level before it
SPIKE_VAL_MIN_RATIO = 2.0  # (a val loss, a full evaluation without batch noise: 2x)
SPIKE_TAIL_QUANTILE = 0.99  # and rises >= 10x the series' ordinary excursions above its
SPIKE_TAIL_FACTOR = 10.0  # trend (this quantile of them): per-batch noise is not a spike
SPIKE_LEVEL_BAND = 3.0  # relative excursions are compared among points at a like level
SPIKE_ALONE = 3.0  # a 10x jump 3x above every other point (past the first tenth) stands alone
SPIKE_CLEAR_MARGIN = 2.0  # a spike decides the verdict (severity warning) when it passes the
SPIKE_HUGE_RATIO = 10.0  # a 10x jump (see the rules that name it)
SPIKE_CLEAR_HUGE = 6.0  # (or is >= 6x the level before, passing the tail rule at all)
SPIKE_CLEAR_RATIO = 2.5  # tail rule by 2x and is >= 2.5x the level before; others are info
SPIKE_RECOVERY_SHARE = 0.25  # and it comes back within 25% of the series (>= 3 points)
SPIKE_RECOVERED = 0.5  # "back": below the level before plus half the spike's height,
SPIKE_CONFIRM_SIGMAS = 5.0  # its train candidate: 5 rolling sigmas up (val carries the proof)
SPIKE_ORDINARY_LEVEL = 2.0  # ... above every earlier batch where the trend sat within 2x its base
SPIKE_VAL_RATIO = 1.3  # a train spike the tail rule turned down counts when val rose 1.3x
SPIKE_VAL_NOISE = 5.0  # and by 5 of its noise sigmas with it (see _confirmed_by_val)
SPIKE_VAL_UNIQUE = 1.5  # ... and that rise is 1.5x any step up val takes elsewhere
SPIKE_VAL_CALM = 0.05  # ... in an otherwise calm val (median swing <= 5% of its level)
SPIKE_VAL_STANDOUT = 4.0  # a val rise 4x any step up it takes elsewhere needs no calm val
SPIKE_VAL_STANDOUT_RATIO = 1.2  # ... and only a 1.2x rise
SPIKE_VAL_OF_GAIN = 0.01  # ... and by 1% of all val gained from its first point at least
SPIKE_SCORE_DIP = 0.5  # a val loss part's spike decides when the score beside it halved
SPIKE_SCORE_LEARNED = 0.2  # from a level >= 20% of its best (a score still at 0 loses nothing)
SPIKE_OF_FIRST_DROP = 0.02  # a loss spike under 2% of the drop from its untrained first point
SPIKE_SCORE_MIN_DROP = 0.1  # a bounded score's own spike decides when it lost 10% of its scale
SPIKE_SHORT_POINTS = 12  # a log this short is not searched by rolling windows; there a spike
SPIKE_SHORT_BACK = 0.25  # (a val alone jumping 2x with a train event: a quarter back by the end)
SPIKE_SHORT_SCORE_DROP = 0.05  # (and an accuracy beside it, if logged, lost 5% of its scale)
SPIKE_SHORT_RATIO = 3.0  # is train and val loss >= 3x their level together, back at the next point
SPIKE_SUSTAINED_POINTS = 3  # a spike of a per-step loss by persistence: >= 3 points in a row
SPIKE_SUSTAINED_WINDOW = 0.05  # above the 99% quantile of the 5% of the series before them
SPIKE_SUSTAINED_MIN_WINDOW = 50  # (>= 50 points) and 2x its median,
SPIKE_SUSTAINED_MAX = 3  # at most 3 such runs in a series (more: a pattern, not spikes)
SPIKE_STAYS_DOWN = 3  # and the points after the return (>= 3) stay there
SPIKE_SLOW_WINDOW = 0.25  # spikes lasting several points: the level before is a low quantile
SPIKE_SLOW_QUANTILE = 0.1  # of the preceding quarter of the series ...
SPIKE_SLOW_RATIO = 2.0  # ... and the spike's points are >= 2x that level
SPIKE_SLOW_MAX = 20_000  # series longer than this are searched for sharp spikes only
SPIKE_FILTER_MIN_POINTS = 200  # per-step logs this long are also searched in their running
SPIKE_FILTER_FRACTION = 0.005  # median over this share of the series (>= 5 points)
SPIKE_MAX_SHARE = 0.01  # more spikes than 1% of the points (and > 5): heavy-tailed batch
#                         noise, not spikes
SPIKE_EARLY_SHARE = 0.2  # a spike over by then, from a level still 2x the floor, is
SPIKE_EARLY_LEVEL = 2.0  # early-training instability (info, not the verdict)
SPIKE_EARLY_MAX_RATIO = 100.0  # unless it rose 100x its level: that blew up, however early
SPIKE_RATE_SHARE = 0.025  # nor several candidates making over 2.5% of the points: the rate of
#                           big excursions is what thinning keeps, not their count
ERRATIC_MIN_POINTS = 8  # a series of fewer points is never called erratic
ERRATIC_JUMP_OF_GAIN_VAL = 0.35  # val: point-to-point jumps >= 35% of its improvement
ERRATIC_JUMP_OF_GAIN_TRAIN = 0.7  # train (only when there is no val series): 61% is batch noise
ERRATIC_JUMP_OF_LEVEL = 0.175  # with a natural zero: jumps >= 17.5% of the level as well
ERRATIC_SWING_OF_LEVEL = 0.35  # val's median step-to-step swing around its trend: erratic
BEST_SHORT = 12  # under 12 evaluations the best is the raw best unless it is a lone dip:
BEST_DIP = 2.0  # below both neighbours by 2x the median step-to-step change of the rest
SWING_MIN_WINDOW = 5  # the swing's trend spans 5 points at least: over 3 it follows the noise
ERRATIC_SWING_MANY = 20  # from 20 evaluations on the swing need not be 35% of the improvement,
ERRATIC_SWING_MANY_OF_FIRST = 0.12  # only 12% of all val fell from its first evaluation
ERRATIC_SCORE_SWING = 0.02  # a bounded score (0-1, 0-100) must move 2% of its scale to be erratic
ERRATIC_SWING_WILD = 1.0  # (from 12 evaluations on) a swing as large as the level: erratic
ERRATIC_WILD_LATE = 0.5  # (its second half swinging by half that half's own level)
ERRATIC_SWING_STEADY_MIN = 12  # from 12 evaluations on, also: a swing of 12% of the level
ERRATIC_SWING_STEADY_OF_LEVEL = 0.12  # (a bouncing val, not one quantised wobble) that is
ERRATIC_SWING_STEADY_OF_GAIN = 0.15  # 15% of all it improved from its first evaluation,
ERRATIC_SWING_STEADY_LEARNED = 0.1  # which is 10% of the level (else: learned nothing)
ERRATIC_ACCURACY_JUMPS = 0.1  # accuracy: a held-out accuracy jumping 10% of its scale between
ERRATIC_ACCURACY_LOSS_SWING = 0.2  # evaluations beside a val loss swinging 20% of its level
ERRATIC_TOGETHER_SWING_OF_LEVEL = 0.1  # together: val swings 10% of its level
ERRATIC_TOGETHER_SWING_OF_GAIN = 0.3  # and 30% of its improvement, beside a train loss
ERRATIC_TOGETHER_TRAIN_NOISE = 0.3  # whose noise is 30% of its level
ERRATIC_TOGETHER_TRAIN_END = 0.4  # and which ended at 40% of its start or above
ERRATIC_VAL_ALONE_OF_LEVEL = 0.35  # val jumping this share of its level is unstable alone
ERRATIC_TRAIN_NOISE_OF_GAIN = 0.2  # and train's noise >= 20% of its improvement
ERRATIC_TRAIN_BOUNCE_OF_LEVEL = 0.3  # alone, train noise >= 30% of its level needs only the val
ERRATIC_FIRST_DROP_JUMPS = 0.02  # or under 2% of its first point's drop to the floor
ERRATIC_TRAIN_BOUNCE_END = 0.55  # bar of its gain, while it ends at >= 55% of its start
ERRATIC_TRAIN_ONLY_MAX_LR = 1e-5  # a train loss judged alone under a logged LR never above 1e-5
#                                    is not thrown about by its steps: its jumps are batch noise
ERRATIC_TRAIN_ONLY_LEVEL = 0.5  # without val: only while the loss ends >= half its start
UNTRAINED_FIRST = 5.0  # a first point 5x its series' robust start: the untrained model's
ERRATIC_FALLING_POINTS = 100  # a train loss judged alone over >= 100 points whose tenths' medians
ERRATIC_FALLING_RANK = -0.9  # fall with time (rank correlation <= -0.9) learns under batch noise
ERRATIC_TRAIN_SMOOTH = 0.05  # a train loss jumping < 5% of its level is steady (see _val_swings)
ERRATIC_CALM_HEAD = 0.1  # a train loss calmed: its second half under its first tenth's median
ERRATIC_TRAIN_THROWN_BACK = 1.0  # (or while its point-to-point noise is its start level)
ERRATIC_KICK_QUANTILE = 75  # kicked back: in its second half train's upper quartile (not a
ERRATIC_KICK = 0.35  # 90th percentile: that of 20 thinned points is their 2nd largest) is >= 35%
ERRATIC_KICK_SPREAD = 0.5  # of its initial level, its IQR >= half its median, and val's
ERRATIC_KICK_VAL_JUMPS = 0.15  # point-to-point noise >= 15% of val's level
STILL_IMPROVING_SIGMAS = 2.0  # last-quarter slope below zero by > 2 standard errors ...
STILL_IMPROVING_SHARE = 0.08  # ... and still worth >= 8% of the total improvement ...
STILL_IMPROVING_NOISE = 3.0  # ... and >= 3 noise sigmas
STILL_IMPROVING_TAIL = 1 / 3  # the stretch whose slope is measured: the last third
STILL_IMPROVING_OF_LEVEL = 0.04  # or, a loss ending at its best: its last third took 4% off
STILL_IMPROVING_SHARE_AT_BEST = 0.05  # its level, >= 5% of the total gain, >= 2 noise sigmas,
STILL_IMPROVING_NOISE_AT_BEST = 2.0
STILL_IMPROVING_SIGMAS_AT_BEST = 4.0  # its slope 4 standard errors below zero, over >= 8 points
STILL_IMPROVING_AT_BEST_POINTS = 8
STILL_IMPROVING_PARTS = 2  # a score's held-out loss parts (YOLO's), all still improving
ACCELERATION_MIN_POINTS = 6  # a descent's acceleration is read from 6 points on
STILL_IMPROVING_FEW = 12  # under 12 points, noise is the smaller of scatter and jumps
STILL_IMPROVING_LAST_DROP = 0.15  # cue last_steps: a few-evaluation val loss whose last took 15%
STILL_IMPROVING_LAST_FALLS = 3  # off the one before, after falling at each of its last 3
STILL_IMPROVING_MONOTONE_OF_LEVEL = 0.10  # (and a short loss lower at every point: a tail
# beating 3 noise sigmas needs it to take 10% off its level)
SATURATED = 0.999  # an accuracy-type series at >= 99.9% of its ceiling cannot improve
TAIL_FRACTION = 0.25  # the "last part" of a series
DIVERGE_CLIMBED_TIMES = 5.0  # a train loss that only climbed: its last quarter 5x its first
DIVERGE_AT_BEST_POINTS = 8  # a held-out series of 8+ evaluations at its best at the end:
# no divergence, whatever the train loss did
UNDERFIT_MAX_GAIN_NOISE = 3.0  # improvement below 3 noise sigmas: nothing was learned
UNDERFIT_SETTLED_POINTS = 5  # (its noise: the second half's, when that has 5 points and is calmer)
UNDERFIT_MOVED_SIGMAS = 4.0  # (not when its straight line over the run is 4 standard errors
# from flat: a reward drifting up under a noise larger than the drift, over 500 logs)
UNDERFIT_LEARNED_NOTHING = 0.10  # best level within 10% of the initial loss: nothing learned
UNDERFIT_LEARNED_LITTLE = 0.35  # val 35% below its first evaluation learned something (and
# stalled_high's bar beside a val accuracy that never rose)
UNDERFIT_STALLED_LEARNED = 0.175  # stalled_high: learned < 17.5% of the initial loss ...
UNDERFIT_EARLY = 0.20  # ... stalled within the first 20% of the run ...
UNDERFIT_NO_GAP = 0.80  # ... with train no lower than 80% of val (no capacity to fit),
UNDERFIT_SCORE_TIMES = 2.0  # a bounded score whose best doubled its first evaluation
UNDERFIT_SCORE_GAIN = 0.05  # by 5% of its scale or more learned something
UNDERFIT_GOOD_ACCURACY = 0.85  # unless val accuracy reached 85% of its ceiling (noisy labels)
UNDERFIT_CHANCE_RATIO = 1.3  # at chance: val accuracy x e^(best val loss) <= 1.3 (1/C x C) ...
UNDERFIT_CHANCE_LOSS = 0.6  # ... with a best val cross-entropy a guess scores (ln 2 and up),
UNDERFIT_ACCURACY_ROSE = 0.01  # (a converged fine-tune's accuracy rose 1% of its scale)
UNDERFIT_FINE_TUNE_ACCURACY = 0.10  # (and its accuracy settled at 10% of its scale or above)
UNDERFIT_CONVERGED_PACE = 0.5  # a val whose second half fell <= half its first half converged
UNDERFIT_CONVERGED_BEND = 0.02  # (without an accuracy, its second half still fell > 2% as much)
UNDERFIT_FAR_FROM_GUESS = 1.6  # stalled_high: val accuracy x e^(best val loss) >= 1.6 (and
UNDERFIT_GUESS_CAP = 50.0  # <= 50) is a noise floor far above a guess, not a model stalled
UNDERFIT_CHANCE_FLOOR = 0.9  # ... and >= 0.9: a guess scores >= 1 (below: another "accuracy")
UNDERFIT_FLAT_GAIN = 0.10  # flat from the first eval: val never 10% below its first value,
UNDERFIT_FLAT_POINTS = 5  # over >= 5 evals, at >= 30% of the initial train loss, with the
UNDERFIT_FLAT_LEARNED = 0.70  # train loss's second half no lower than 70% of val
UNDERFIT_FLAT_NO_GAP = 0.70
UNDERFIT_FLAT_TIGHT = 0.90  # no accuracy logged (a regression): train >= 90% of val, any level,
UNDERFIT_FLAT_LOOSE = 0.70  # or >= 70% of it over >= 8 evals (5 flat evals prove little when
UNDERFIT_FLAT_POINTS_FIT = 8  # train fits a quarter below val)
UNDERFIT_ACCURACY_KEPT_LEARNING = 0.25  # (flat val loss) accuracy's error cut by a quarter
UNDERFIT_FLAT_KEPT_GAIN = 0.03  # (flat val loss, accuracy classifying well) or val loss -3%
UNDERFIT_SCORE_LEARNED = 0.5  # a held-out score whose error halved since its first eval learned
UNDERFIT_FROZEN_SHARE = 0.001  # a loss moving < 0.1% of its level over >= 5 evals is frozen
UNDERFIT_TRAIN_FROZEN_POINTS = 10  # a train loss alone whose last quarter (>= 10 points)
UNDERFIT_TRAIN_FROZEN_SHARE = 0.75  # holds 75% of its points within 0.02% of their median
UNDERFIT_TRAIN_FROZEN_TOL = 2e-4
UNDERFIT_TRAIN_FROZEN_LEVEL = 0.01  # at 0.01 or above (not a memorised 0) froze
UNDERFIT_FROZEN_EVALS = 10  # a val accuracy with one value at >= 10 evals never changed a guess
UNDERFIT_FROZEN_SPREAD = 0.01  # (or one within 1% of its scale, under half of it: it never learned)
UNDERFIT_FROZEN_TIGHT = 0.001  # (or within 0.1% of its scale at any level below its ceiling)
UNDERFIT_SCORE_LOW = 0.5  # a score judged for learned_nothing stayed under half its scale
UNDERFIT_TRAIN_FITTED = 0.5  # a train loss ending at half its initial level fitted: a score
#                              flat from its first evaluation beside it learned before it
UNDERFIT_AUC_CHANCE = 0.6  # an ROC AUC whose best stayed under 0.6 is at chance (a coin: 0.5)
UNDERFIT_AUC_LEARNED = 0.75  # a held-out ROC AUC that reached 0.75 learned: never learned_nothing
UNDERFIT_SCORE_NOTHING = 0.05  # a monitored held-out score whose best stayed <= 5% of its scale
UNDERFIT_ERROR_WORST = 0.99  # a WER/CER whose best stayed >= 99% of its scale: all wrong
UNDERFIT_NOTHING_EVALS = 15  # over >= 15 evals a val never 5% below its first evaluation learned
UNDERFIT_NOTHING_VAL = 0.05  # nothing, however far train fitted
UNDERFIT_PRIOR_SHARE = 0.9  # a val loss flat from its first eval under 90% of the binary entropy
UNDERFIT_TRAIN_KEPT_FALLING = 0.10  # of its accuracy, train falling 10% more after: converged
UNDERFIT_CE_FLOOR_MARGIN = 1.5  # (a cross-entropy >= 1.5 x (1 - accuracy) ln 2, its floor)
UNDERFIT_PRIOR_BAND = 2.0  # a loss beside a frozen accuracy at 1-2x that entropy learned the prior
UNDERFIT_PINNED_POINTS = 40  # a train loss alone whose second half (>= 40 points) has its
UNDERFIT_PINNED_TOL = 0.01  # median within 1% of ln 2 and its two quarters' medians within
UNDERFIT_PINNED_DRIFT = 0.02  # 2% of each other sits at a binary guess (ln 3 to ln 10 are
# levels many converged losses reach: a T5 summariser at 1.79, a classifier at 1.62)
UNDERFIT_PINNED_START = 1.25  # and whose first tenth's median was under 1.25x that level
UNDERFIT_NEVER_FELL_POINTS = 10  # a train loss without val, over >= 10 points, ending no lower
UNDERFIT_NEVER_FELL_FLOOR = 0.75  # than it started and whose trend never got 25% below its start
UNDERFIT_NEVER_FELL_BAND = 0.9  # (or within a sigma of it, its first point under this quantile)
PLATEAU_FRACTION = 0.3  # flat (within noise) over the last 30% of the series
GRAD_EXPLODE_RATIO = 50.0  # grad_norm max over its median ...
GRAD_WARMUP_SHARE = 0.05  # ... after the first 5% of the points (large at step 1 is normal)
GRAD_VANISH_RATIO = 1e-3  # grad_norm at the end below this share of its early median
LR_FLAT_RATIO = 1.0  # a constant learning rate
LR_LOW_CEILING = 1e-4  # ... at or below this: above it, a run that learned nothing says nothing
# of the rate's direction (Adam at 5e-3 stuck at ln 10 is as likely a rate too high)


# Up to this many points the spike detector's rolling statistics are computed at every
# point; longer series compute them only where a cheap bound says a spike is possible.
SPIKE_EXACT_MAX = 20_000
LATE_FIRST_EPOCH = 2  # a log whose first epoch is 2 or later missed the start of its training
