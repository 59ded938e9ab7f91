"""Inference worker: classifies support tickets and drafts replies."""
from fastapi import FastAPI
from pydantic import BaseModel
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

app = FastAPI()

# The reply model comes from the Hugging Face Hub, pinned to a revision.
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")
model = AutoModelForCausalLM.from_pretrained(
    "meta-llama/Llama-3.1-8B-Instruct",
    revision="0e9e39f249a16976918f6564b8830bc894c89659",
)

# Sentiment of the incoming ticket.
sentiment = pipeline(
    "sentiment-analysis",
    model="distilbert/distilbert-base-uncased-finetuned-sst-2-english",
)

# Our own fine-tuned classifier, shipped in this repository.
classifier = pipeline("text-classification", model="./models/support-classifier")


class Ticket(BaseModel):
    text: str


@app.post("/triage")
def triage(ticket: Ticket) -> dict:
    return {
        "sentiment": sentiment(ticket.text)[0],
        "category": classifier(ticket.text)[0],
    }
