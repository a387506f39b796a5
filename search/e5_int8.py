"""int8 matrix products for the batched e5 runtime (passages at ingest), smoothed so they keep its vectors.

Why: ingest time is the encoder's matrix products (~70% of it for a big plan). On these cores an int8 product
with u8 activations (oneDNN's VNNI kernels, bias and GELU fused into the product) runs about twice as fast as
the fp32 one. Rounding a whole batch's activations to 8 bits with one scale loses too much where a few
channels carry values far above the rest, so each input channel is first divided by a factor that the
weights' column takes over ("SmoothQuant", Xiao et al. 2022): factor = max|x|^alpha / max|w|^(1 - alpha),
with max|x| observed on fixed calibration texts. The product after GELU (the second feed-forward matrix)
stays fp32: its input is too long-tailed for one scale per batch (cosine 0.995 at best to the fp32 vectors).
Measured on texts unlike the calibration texts, the vectors stay within cosine 0.999 of the fp32 runtime's
(`tests/test_e5_int8.py`, `bench/int8.py`, docs/BENCHMARKS.md).
"""
from __future__ import annotations

import torch

ALPHA = 0.8  # share of the activations' range moved into the weights
PRODUCTS = ("qkv", "ao", "fi")  # "fo", after GELU, stays fp32
ZERO = 128  # u8 activations with zero point 128: oneDNN's fast path (s8 activations fall back to a slow one)

# Calibration texts, written for this purpose: both languages, short and long, lists, figures and names.
# They only set each channel's range; which texts matters little (an activation outlier is a channel of the
# model, not of a text), and none of them comes from a document the product is measured on.
CALIBRATION = (
    "Wat doet de gemeente aan overlast door jongeren in het centrum?",
    "Which partners work together on organised crime and undermining?",
    "De burgemeester kan een woning sluiten wanneer daar drugs worden verhandeld.",
    "In 2024 zijn 37 controles uitgevoerd, waarvan 12 samen met de belastingdienst en de politie.",
    "The action plan lists owners, deadlines and the status of each measure per quarter.",
    "Buurtbewoners melden vaker fietsendiefstal, inbraak en vernieling rond het station.",
    "Cybercrime against small businesses: phishing, ransomware and invoice fraud are rising.",
    "Het team Zorg en Veiligheid bespreekt casussen van personen met verward gedrag.",
    "- preventie op scholen\n- voorlichting aan ouders\n- inzet van jongerenwerk in de wijk",
    "Evaluation 2023: three of the five actions were completed, two were delayed by staffing shortages.",
    "Ondermijning raakt de lokale economie: vastgoed, horeca en recreatieparken zijn kwetsbaar.",
    "Victims of human trafficking are often hard to recognise for frontline professionals.",
    "Toezicht en handhaving: de boa's richten zich in de zomer op het buitengebied en de uiterwaarden.",
    "Budget € 45.000 per jaar, looptijd 2025-2028, eigenaar: afdeling openbare orde en veiligheid.",
    "Radicalisation, polarisation and extremism are monitored by a multidisciplinary case team.",
    "Het veiligheidsgevoel van inwoners is gestegen van 6,8 naar 7,1 volgens de monitor.",
    "Bibob-toets bij vergunningaanvragen voor horeca, coffeeshops en evenementen.",
    "A short note.",
    "Verkeersveiligheid rond scholen: snelheidscontroles, verkeersbrigadiers en een veilige schoolroute.",
    "De driehoek van burgemeester, officier van justitie en politie stelt jaarlijks de prioriteiten vast, "
    "bespreekt de voortgang per kwartaal en stuurt bij waar acties achterblijven of partners ontbreken.",
    "Domestic violence and child abuse: the safe-at-home organisation, the police and the municipality share "
    "information under a covenant and agree on one plan per family, with a named coordinator.",
    "Drugsafval in natuurgebieden, hennepkwekerijen in schuren en loodsen, en de rol van de verhuurder.",
    "Ambitie: minder herhaald slachtofferschap, snellere opsporing en betere nazorg voor ex-gedetineerden.",
    "Fireworks, New Year's Eve and public order: a ban zone, camera surveillance and extra youth workers.",
)


def smoothing(act_max: torch.Tensor, weight: torch.Tensor, alpha: float = ALPHA) -> torch.Tensor:
    """Per input channel, the factor the activations are divided by and the weight columns multiplied by."""
    return (act_max.clamp_min(1e-5) ** alpha / weight.abs().amax(0).clamp_min(1e-5) ** (1 - alpha)).clamp_min(1e-5)



class Observer:
    """Wraps a product and keeps each input channel's largest magnitude over the texts it sees."""

    def __init__(self, product):
        self.product, self.seen = product, None

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        largest = x.reshape(-1, x.shape[-1]).abs().amax(0)
        self.seen = largest if self.seen is None else torch.maximum(self.seen, largest)
        return self.product(x)


def quantize(model) -> list[dict]:
    """The model's layers with int8 products, calibrated on CALIBRATION through its fp32 layers (`model` is a
    `search.e5_batched.BatchedE5`; its own layers are left as they are)."""
    observed = [{**ly, **{name: Observer(ly[name]) for name in PRODUCTS}} for ly in model.layers]
    model.encode_with(observed, list(CALIBRATION))
    return [{**ly, **{name: Int8Linear(ly[name].weight, ly[name].bias, seen[name].seen, ly[name].post)
                      for name in PRODUCTS}} for ly, seen in zip(model.layers, observed)]


class Int8Linear:
    """y = post(x W^T + b) with x rounded to u8 (one scale per call) and W to s8 (one scale per output row)."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, act_max: torch.Tensor, post: str = "none"):
        factor = smoothing(act_max, weight)
        smoothed = weight * factor
        self.w_scale = smoothed.abs().amax(1).clamp_min(1e-12) / 127
        rounded = torch.round(smoothed / self.w_scale[:, None]).to(torch.int8)
        self.packed = torch.ops.onednn.qlinear_prepack(rounded, None)
        self.w_zero = torch.zeros(weight.shape[0], dtype=torch.long)
        self.inv_factor, self.bias, self.post = 1.0 / factor, bias, post
        self.fan_in = weight.shape[1]

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, self.fan_in) * self.inv_factor
        low, high = torch.aminmax(flat)  # one pass for the range: abs() then max() took two and a copy
        scale = max(-float(low), float(high)) / 127 or 1.0
        q = flat.mul_(1.0 / scale).add_(ZERO + 0.5).to(torch.uint8)  # + 0.5 then truncation: rounding
        y = torch.ops.onednn.qlinear_pointwise(q, scale, ZERO, self.packed, self.w_scale, self.w_zero, self.bias,
                                               1.0, 0, torch.float32, self.post, [], "none")
        return y.reshape(*x.shape[:-1], -1)
