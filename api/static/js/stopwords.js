// Function words that are never highlighted: a question's "van", "het" or "of" says nothing about a passage.
// Data only, per language, written in lower case without accents (highlighting compares folded words).
// Dutch: articles, pronouns, prepositions, conjunctions, auxiliaries, question words and common adverbs.
// English: the same classes, since questions may be asked in English.

export const STOPWORDS = {
  nl: [
    "de", "het", "een", "der", "des", "den", "t",
    "ik", "jij", "je", "u", "hij", "zij", "ze", "wij", "we", "jullie", "hen", "hun", "hem", "haar", "mij", "me",
    "mijn", "jouw", "uw", "zijn", "ons", "onze", "zich", "zichzelf", "elkaar", "men", "iemand", "niemand", "iets",
    "niets", "alles", "allen", "alle", "elk", "elke", "ieder", "iedere", "sommige", "enkele", "andere", "ander",
    "dit", "dat", "deze", "die", "zo'n", "zulke", "welk", "welke", "wat", "wie", "wiens", "waar", "wanneer",
    "waarom", "hoe", "hoeveel", "waarmee", "waarover", "waarbij", "waarin", "waardoor", "waarvan", "waarop",
    "aan", "achter", "bij", "binnen", "boven", "buiten", "door", "in", "langs", "met", "na", "naar", "naast", "om",
    "onder", "op", "over", "per", "rond", "rondom", "sinds", "tegen", "tijdens", "tot", "tussen", "uit", "van",
    "vanaf", "vanuit", "via", "voor", "zonder", "volgens", "omtrent", "inzake",
    "en", "of", "maar", "want", "dus", "noch", "doch", "dan", "als", "omdat", "hoewel", "terwijl", "zodat",
    "indien", "mits", "tenzij", "nadat", "voordat", "zodra", "toen", "ofwel", "zowel", "alsook",
    "ben", "bent", "is", "was", "waren", "geweest", "wezen", "worden", "wordt", "werd", "werden", "geworden",
    "heb", "hebt", "heeft", "hebben", "had", "hadden", "gehad", "zal", "zult", "zullen", "zou", "zouden", "kan",
    "kun", "kunt", "kunnen", "kon", "konden", "moet", "moeten", "moest", "mag", "mogen", "mocht", "wil", "wilt",
    "willen", "wilde", "doe", "doet", "doen", "deed", "gedaan", "ga", "gaat", "gaan", "ging",
    "er", "hier", "daar", "niet", "geen", "ook", "nog", "al", "reeds", "nu", "toch", "wel", "zeer", "heel",
    "meer", "meest", "veel", "weinig", "zo", "even", "eens", "altijd", "nooit", "soms", "vaak", "steeds", "ja",
    "nee", "dus", "daarom", "daarna", "daarbij", "daarvan", "daarin", "daarop", "hierbij", "hiervan", "hierin",
    "erg", "zelf", "alleen", "enige", "enkel",
  ],
  en: [
    "a", "an", "the",
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "its",
    "our", "their", "mine", "yours", "ours", "theirs", "myself", "itself", "themselves", "ourselves",
    "this", "that", "these", "those", "what", "which", "who", "whom", "whose", "where", "when", "why", "how",
    "about", "above", "after", "against", "along", "among", "around", "at", "before", "behind", "below",
    "between", "by", "during", "for", "from", "in", "into", "near", "of", "off", "on", "onto", "out", "over",
    "per", "since", "through", "to", "toward", "towards", "under", "until", "up", "upon", "via", "with",
    "within", "without",
    "and", "or", "but", "nor", "so", "yet", "if", "because", "although", "though", "while", "whether", "than",
    "as", "unless",
    "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does",
    "did", "doing", "done", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "not", "no", "any", "some", "all", "each", "every", "both", "either", "neither", "other", "such", "more",
    "most", "much", "many", "few", "very", "too", "also", "just", "only", "then", "there", "here", "now",
    "again", "ever", "never", "own", "same",
  ],
};
