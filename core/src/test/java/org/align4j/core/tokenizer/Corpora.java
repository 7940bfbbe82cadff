package org.align4j.core.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Deterministic mixed Chinese/English training text for tokenizer tests. */
final class Corpora {
    private static final String[] EN = (
            "the patient has a fever and a dry cough for three days . doctor please tell me what medicine "
            + "to take , how much water should i drink , is it serious ? the blood pressure is high in the "
            + "morning and low at night . take one tablet twice a day after meals . if the pain gets worse "
            + "go to the hospital at once . children under twelve should not use this drug without advice . "
            + "headache nausea dizziness allergy infection symptoms treatment diagnosis prescription rest "
            + "sleep exercise diet vitamins antibiotics vaccine insulin diabetes heart lungs kidney liver "
            + "stomach skin rash swelling breathing chest throat ear eye nose weight pregnant elderly dose").split(" ");
    private static final String[] ZH = (
            "病人 发烧 咳嗽 三天 了 医生 请问 应该 吃 什么 药 每天 喝 多少 水 严重 吗 血压 早上 很 高 晚上 低 "
            + "饭后 服用 一片 每日 两次 如果 疼痛 加重 请 立即 去 医院 十二岁 以下 儿童 不 宜 使用 本品 头痛 恶心 "
            + "头晕 过敏 感染 症状 治疗 诊断 处方 休息 睡眠 运动 饮食 维生素 抗生素 疫苗 胰岛素 糖尿病 心脏 肺 "
            + "肾脏 肝脏 胃 皮肤 皮疹 肿胀 呼吸 胸口 喉咙 耳朵 眼睛 鼻子 体重 怀孕 老人 剂量 的 是 我 你 他 和 在 有").split(" ");
    private static final String[] ZH_PUNCT = {"，", "。", "？", "！", "、"};

    private Corpora() {}

    /** About {@code targetChars} characters of text, one line a sentence, half English and half Chinese. */
    static List<String> mixed(int targetChars, long seed) {
        Random r = new Random(seed);
        return lines(targetChars, () -> {
            StringBuilder sb = new StringBuilder();
            boolean zh = r.nextBoolean();
            int n = 4 + r.nextInt(14);
            for (int i = 0; i < n; i++) {
                if (zh) {
                    appendChinese(sb, ZH, 6, r);
                } else {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    String w = zipf(EN, r);
                    sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
                    if (r.nextInt(25) == 0) {
                        sb.append(' ').append(r.nextInt(1000));
                    }
                }
            }
            if (r.nextInt(8) == 0) {
                sb.append(zh ? " COVID-19 检测 negative" : " 请 多 休息");
            }
            return sb.toString();
        });
    }

    /**
     * About {@code targetChars} characters with a wide vocabulary: Chinese clauses drawn from 3,000
     * ideographs and English words built from syllables, both with Zipf-like frequencies.
     */
    static List<String> rich(int targetChars, long seed) {
        String[] syllables = {"ba", "con", "di", "er", "fo", "gen", "hy", "in", "ja", "ka", "lo", "men", "ni", "op",
            "pre", "qu", "ra", "st", "tion", "un", "ver", "wa", "x", "ya", "ze", "al", "be", "ce", "de", "ent"};
        Random r = new Random(seed);
        String[] en = new String[4000];
        for (int i = 0; i < en.length; i++) {
            StringBuilder w = new StringBuilder();
            int n = 1 + r.nextInt(4);
            for (int j = 0; j < n; j++) {
                w.append(syllables[r.nextInt(syllables.length)]);
            }
            en[i] = w.toString();
        }
        String[] zh = new String[3000];
        for (int i = 0; i < zh.length; i++) {
            zh[i] = Character.toString(0x4E00 + r.nextInt(0x5000));
        }
        return lines(targetChars, () -> {
            StringBuilder sb = new StringBuilder();
            boolean chinese = r.nextBoolean();
            int n = 6 + r.nextInt(30);
            for (int i = 0; i < n; i++) {
                if (chinese) {
                    appendChinese(sb, zh, 9, r);
                } else {
                    sb.append(i > 0 ? " " : "").append(zipf(en, r));
                    if (r.nextInt(12) == 0) {
                        sb.append(r.nextBoolean() ? "," : ".");
                    }
                }
            }
            return sb.toString();
        });
    }

    /** Lines from {@code sentence}, one a line, until they hold at least {@code targetChars} characters. */
    private static List<String> lines(int targetChars, Supplier<String> sentence) {
        List<String> lines = new ArrayList<>();
        int chars = 0;
        while (chars < targetChars) {
            String line = sentence.get();
            lines.add(line);
            chars += line.length();
        }
        return lines;
    }

    /** A Chinese word drawn from {@code words}, followed by Chinese punctuation once in {@code punctuationOneIn}. */
    private static void appendChinese(StringBuilder sb, String[] words, int punctuationOneIn, Random r) {
        sb.append(zipf(words, r));
        if (r.nextInt(punctuationOneIn) == 0) {
            sb.append(ZH_PUNCT[r.nextInt(ZH_PUNCT.length)]);
        }
    }

    private static String zipf(String[] words, Random r) {
        // Rank ~ 1/u distribution: frequent words repeat, rare ones still occur.
        int i = (int) Math.min(words.length - 1, Math.floor(Math.pow(words.length, r.nextDouble())) - 1);
        return words[i];
    }
}
