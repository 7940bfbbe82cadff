/**
 * LoRA (Hu et al. 2021) on align4j's models, compatible with PEFT: {@link org.align4j.core.lora.LoraModel#apply}
 * freezes a model and attaches adapters to the linear layers that {@link org.align4j.core.lora.LoraConfig}
 * targets; {@link org.align4j.core.lora.LoraModel#setEnabled} switches them off (the base model, e.g. as the
 * frozen reference of DPO/PPO); {@link org.align4j.core.lora.LoraModel#merge} folds them into the weights;
 * {@link org.align4j.core.lora.PeftAdapter} saves and loads {@code adapter_config.json} +
 * {@code adapter_model.safetensors} with PEFT's key names.
 */
package org.align4j.core.lora;
