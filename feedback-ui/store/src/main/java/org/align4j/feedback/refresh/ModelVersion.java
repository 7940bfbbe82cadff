package org.align4j.feedback.refresh;

import java.time.Instant;

/**
 * A model version that produced answers or came out of a training run. {@code checkpointPath} is
 * the checkpoint directory (Hugging Face layout) or null when unknown; {@code parentId} is the
 * version it was trained from, if any.
 */
public record ModelVersion(long id, String name, String checkpointPath, Long parentId, Instant createdAt) {}
